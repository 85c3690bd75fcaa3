import type { Messages } from './languages';

export const common = {
  appName: { 'zh-CN': '一次进门', en: 'OneVisit' },
  colon: { 'zh-CN': '：', en: ': ' },
  notFound: { 'zh-CN': '页面不存在', en: 'Page not found' },
  backToTasks: { 'zh-CN': '返回任务列表', en: 'Back to tasks' },
  retry: { 'zh-CN': '重试', en: 'Retry' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
} satisfies Messages;
