import type { Messages } from './languages';

export const common = {
  appName: { 'zh-CN': '一次进门', en: 'OneVisit' },
  colon: { 'zh-CN': '：', en: ': ' },
  notFound: { 'zh-CN': '页面不存在', en: 'Page not found' },
  backToTasks: { 'zh-CN': '返回任务列表', en: 'Back to tasks' },
  retry: { 'zh-CN': '重试', en: 'Retry' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  // Why a unified social credit code is invalid (src/shared/domain/uscc.ts), wherever one is typed.
  usccReasons: {
    empty: { 'zh-CN': '代码为空', en: 'the code is empty' },
    length: { 'zh-CN': '长度应为 18 位（现为 {{length}} 位）', en: 'it must have 18 characters ({{length}} given)' },
    charset: {
      'zh-CN': '第 {{position}} 位字符不允许（不能含 I、O、Z、S、V 或符号）',
      en: 'character {{position}} is not allowed (no I, O, Z, S, V or symbols)',
    },
    registration_authority: { 'zh-CN': '第 1 位登记管理部门代码无效', en: 'character 1 is not a registration authority' },
    division_code: { 'zh-CN': '第 3–8 位行政区划代码应为 6 位数字', en: 'characters 3–8 must be a 6-digit division code' },
    organization_code_charset: { 'zh-CN': '第 9–16 位组织机构代码含无效字符', en: 'characters 9–16 hold an invalid organization code' },
    organization_code_check_digit: {
      'zh-CN': '第 17 位组织机构代码校验位错误，应为 {{expected}}',
      en: 'character 17 (organization code check) should be {{expected}}',
    },
    check_digit: { 'zh-CN': '第 18 位校验码错误，应为 {{expected}}', en: 'character 18 (check character) should be {{expected}}' },
  },
} satisfies Messages;
