import type { Messages } from '../../i18n/languages';

export const messages = {
  button: { 'zh-CN': '同步', en: 'Sync' },
  syncing: { 'zh-CN': '正在同步…', en: 'Syncing…' },
  pushing: { 'zh-CN': '正在上传 {{pushed}} 条修改…', en: 'Uploading {{pushed}} changes…' },
  offlineDetail: {
    'zh-CN': '无法连接服务器，数据已保存在本机，联网后再同步。',
    en: 'Cannot reach the server. Your data is kept on this machine; sync again when online.',
  },
  lastSynced: { 'zh-CN': '上次同步：{{time}}', en: 'Last synced: {{time}}' },
  never: { 'zh-CN': '从未同步', en: 'Never synced' },
  pending: { 'zh-CN': '{{count}} 项修改待上传', en: '{{count}} changes waiting' },
  nonePending: { 'zh-CN': '没有待上传的修改', en: 'No changes waiting' },
  summary: { 'zh-CN': '上传 {{acknowledged}} 项，接收 {{pulled}} 条记录', en: 'Uploaded {{acknowledged}}, received {{pulled}} records' },
  conflicts: { 'zh-CN': '{{count}} 项存在冲突，请在任务页处理', en: '{{count}} conflicts: resolve them on the task page' },
  rejected: {
    'zh-CN': '{{count}} 项被服务器退回，请在任务页查看原因',
    en: '{{count}} changes were refused by the server: see the task page',
  },
  offlineWaiting: { 'zh-CN': '离线 · {{count}} 项修改待上传', en: 'Offline · {{count}} changes waiting' },
  offline: { 'zh-CN': '离线', en: 'Offline' },
  receiving: { 'zh-CN': '正在同步', en: 'Syncing' },
  records: { 'zh-CN': '{{pulled}} / {{expected}} 条记录', en: '{{pulled}} / {{expected}} records' },
  recordsUnknown: { 'zh-CN': '{{pulled}} 条记录', en: '{{pulled}} records' },
  eta: { 'zh-CN': '约剩 {{time}}', en: 'about {{time}} left' },
  upToDate: { 'zh-CN': '已是最新 · {{time}}', en: 'Up to date · {{time}}' },
  failed: { 'zh-CN': '同步失败：{{message}}', en: 'Sync failed: {{message}}' },
  interval: { 'zh-CN': '自动同步', en: 'Auto sync' },
  intervalOff: { 'zh-CN': '关闭', en: 'Off' },
  intervalMinutes: { 'zh-CN': '每 {{count}} 分钟', en: 'Every {{count}} min' },
  offlineSession: { 'zh-CN': '离线登录 · 联网后请重新登录以同步', en: 'Offline sign-in · sign in online to sync' },
  signInOnline: { 'zh-CN': '联网登录', en: 'Sign in online' },
  signIn: {
    title: { 'zh-CN': '重新联网登录', en: 'Sign in online' },
    text: {
      'zh-CN': '网络已恢复。请输入 {{name}} 的密码，登录后即可同步。',
      en: 'The network is back. Enter the password of {{name}} to sync.',
    },
    failed: { 'zh-CN': '登录失败：{{message}}', en: 'Sign-in failed: {{message}}' },
    wrongPassword: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
    unreachable: { 'zh-CN': '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server. Check the network and try again.' },
    revoked: {
      'zh-CN': '此设备已被停用，无法登录。请联系本单位管理员。',
      en: "This device has been revoked and cannot sign in. Contact your unit's administrator.",
    },
  },
  revoked: {
    title: { 'zh-CN': '此设备已被停用', en: 'This device has been revoked' },
    text: {
      'zh-CN': '管理员已停用此设备，本机数据将被清除。以下修改未能上传，清除后将丢失：{{changes}} 项修改，{{attachments}} 个附件。',
      en: 'An administrator revoked this device; its local data is to be wiped. These could not be uploaded and will be lost: {{changes}} changes, {{attachments}} attachments.',
    },
    wipe: { 'zh-CN': '放弃这些修改并清除本机数据', en: 'Discard them and wipe local data' },
  },
} satisfies Messages;
