import type { Messages } from '../../i18n/languages';

export const messages = {
  subtitle: { 'zh-CN': '部门联合双随机检查', en: 'Joint random inspections' },
  signOut: { 'zh-CN': '退出登录', en: 'Sign out' },
  language: {
    label: { 'zh-CN': '语言', en: 'Language' },
    'zh-CN': { 'zh-CN': '中文', en: '中文' },
    en: { 'zh-CN': 'English', en: 'English' },
  },
  login: {
    title: { 'zh-CN': '执法人员登录', en: 'Officer sign-in' },
    username: { 'zh-CN': '用户名', en: 'Username' },
    password: { 'zh-CN': '密码', en: 'Password' },
    submit: { 'zh-CN': '登录', en: 'Sign in' },
    usernameRequired: { 'zh-CN': '请输入用户名', en: 'Enter your username' },
    passwordRequired: { 'zh-CN': '请输入密码', en: 'Enter your password' },
    wrongPassword: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
    unreachable: { 'zh-CN': '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server. Check the network and try again.' },
    failed: { 'zh-CN': '登录失败：{{message}}', en: 'Sign-in failed: {{message}}' },
    hint: { 'zh-CN': '首次登录需要联网；登录后可离线工作。', en: 'The first sign-in needs the network; after that you can work offline.' },
  },
  expired: { 'zh-CN': '登录已过期，请重新登录。', en: 'Your session has expired. Please sign in again.' },
  offlineWrongPassword: { 'zh-CN': '离线登录失败：密码错误', en: 'Offline sign-in failed: wrong password' },
  offlineExpired: { 'zh-CN': '离线登录已过期，请联网登录一次', en: 'The offline sign-in has expired: sign in online once' },
  revokedLogin: {
    'zh-CN': '此设备已被停用，无法登录。请联系本单位管理员。',
    en: "This device has been revoked and cannot sign in. Contact your unit's administrator.",
  },
  revokedNotice: { 'zh-CN': '此设备已被停用，本机数据已清除。', en: 'This device has been revoked; its local data was wiped.' },
  wipedNotice: { 'zh-CN': '本机数据已清除。', en: 'Local data was wiped from this machine.' },
  signOutTitle: { 'zh-CN': '退出登录', en: 'Sign out' },
  signOutText: { 'zh-CN': '退出后是否保留本机数据？', en: 'Keep the data on this machine after signing out?' },
  signOutWipe: { 'zh-CN': '上传后清除本机数据', en: 'Upload, then wipe local data' },
  signOutKeep: { 'zh-CN': '保留本机数据', en: 'Keep local data' },
  discardTitle: { 'zh-CN': '有修改无法上传', en: 'Some changes cannot be uploaded' },
  discardText: {
    'zh-CN': '{{changes}} 项修改和 {{attachments}} 个附件未能上传到服务器。清除本机数据将永久丢失它们。',
    en: '{{changes}} changes and {{attachments}} attachments did not reach the server. Wiping local data loses them for good.',
  },
  discardConfirm: { 'zh-CN': '放弃并清除', en: 'Discard and wipe' },
} satisfies Messages;
