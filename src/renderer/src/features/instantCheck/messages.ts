import type { Messages } from '../../i18n/languages';

export const messages = {
  disputed: { 'zh-CN': '有争议', en: 'Disputed' },
  open: { 'zh-CN': '无感核验', en: 'Instant check' },
  shortcut: { 'zh-CN': 'Ctrl+K', en: 'Ctrl+K' },
  placeholder: { 'zh-CN': '输入统一社会信用代码、企业名称或拼音首字母', en: 'USCC, part of the name, or pinyin initials' },
  hint: { 'zh-CN': '数据来自本机，离线可用', en: 'From local data, works offline' },
  empty: { 'zh-CN': '未找到匹配的企业', en: 'No matching enterprise' },
  took: { 'zh-CN': '{{count}} 条结果，用时 {{ms}} 毫秒', en: '{{count}} results in {{ms}} ms' },
  notFound: { 'zh-CN': '本机数据中没有统一社会信用代码为 {{uscc}} 的企业', en: 'No enterprise with USCC {{uscc}} in the local data' },
  invalid: { 'zh-CN': '统一社会信用代码无效：{{reason}}', en: 'Invalid USCC: {{reason}}' },
  partial: {
    'zh-CN': '不完整的代码（{{length}}/18 位），本机没有以此开头的企业',
    en: 'An incomplete code ({{length}}/18 characters) that no local enterprise starts with',
  },
  black: { 'zh-CN': '严重违法失信名单', en: 'Black list' },
  red: { 'zh-CN': '诚信红榜', en: 'Red list' },
  debtor: { 'zh-CN': '失信被执行人', en: 'Dishonest debtor' },
  penalties: { 'zh-CN': '行政处罚 {{count}} 条', en: '{{count}} penalties' },
  clean: { 'zh-CN': '无不良记录', en: 'Nothing adverse' },
  indexing: { 'zh-CN': '正在建立索引…', en: 'Building the index…' },
} satisfies Messages;
