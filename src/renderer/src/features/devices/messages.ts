import type { Messages } from '../../i18n/languages';

export const messages = {
  title: { 'zh-CN': '设备管理', en: 'Devices' },
  intro: {
    'zh-CN': '本单位人员登录或上传过数据的设备。设备丢失或转交他人时，可在此停用：停用后该设备无法再登录，本机数据将被清除。',
    en: 'Devices the officers of your unit signed in on or uploaded from. Revoke a lost or handed-over device here: it cannot sign in again and its local data is wiped.',
  },
  introAll: {
    'zh-CN': '所有人员登录或上传过数据的设备。设备丢失或转交他人时，可在此停用：停用后该设备无法再登录，本机数据将被清除。',
    en: 'Devices any officer signed in on or uploaded from. Revoke a lost or handed-over device here: it cannot sign in again and its local data is wiped.',
  },
  onlineOnly: { 'zh-CN': '设备清单保存在服务器上，需要联网。', en: 'The device list is kept on the server: this page needs the network.' },
  offline: {
    'zh-CN': '无法连接服务器。设备管理需要联网，请联网后重试。',
    en: 'Cannot reach the server. Managing devices needs the network; try again when online.',
  },
  forbidden: { 'zh-CN': '只有监管负责人和管理员可以管理设备。', en: 'Only supervisors and administrators manage devices.' },
  empty: { 'zh-CN': '本单位人员还没有在任何设备上登录过。', en: 'No officer of your unit has signed in on a device yet.' },
  device: { 'zh-CN': '设备', en: 'Device' },
  thisDevice: { 'zh-CN': '本设备', en: 'This device' },
  officers: { 'zh-CN': '使用人员', en: 'Officers' },
  firstSeen: { 'zh-CN': '首次使用', en: 'First used' },
  lastSeen: { 'zh-CN': '最近使用', en: 'Last used' },
  sessions: { 'zh-CN': '登录会话', en: 'Sessions' },
  state: { 'zh-CN': '状态', en: 'State' },
  active: { 'zh-CN': '使用中', en: 'In use' },
  revokedState: { 'zh-CN': '已停用', en: 'Revoked' },
  revokedDetail: { 'zh-CN': '{{name}} 停用于 {{time}}', en: 'by {{name}} at {{time}}' },
  revoke: { 'zh-CN': '停用', en: 'Revoke' },
  thisDeviceHint: { 'zh-CN': '不能停用正在使用的本设备', en: 'You cannot revoke the device you are using' },
  confirmTitle: { 'zh-CN': '停用此设备？', en: 'Revoke this device?' },
  confirmText: {
    'zh-CN':
      '设备 {{device}}（使用人员：{{officers}}）下次联网同步时，会先把尚未上传的检查结果上传一次，随后清除这些人员在该设备上的本机数据，此后该设备无法再登录。此操作不能撤销。',
    en: "The next time device {{device}} (used by {{officers}}) syncs online, it uploads its unsent results once, then wipes these officers' local data on it; it cannot sign in again. This cannot be undone.",
  },
  confirm: { 'zh-CN': '停用并清除', en: 'Revoke and wipe' },
  separator: { 'zh-CN': '、', en: ', ' },
  revoked: { 'zh-CN': '设备已停用：{{count}} 个登录会话已结束', en: 'Device revoked: {{count}} sessions ended' },
  revokeFailed: { 'zh-CN': '停用失败：{{message}}', en: 'Revoking failed: {{message}}' },
} satisfies Messages;
