import type { Messages } from '../../i18n/languages';

export const messages = {
  tasks: { 'zh-CN': '检查任务', en: 'Inspection tasks' },
  title: { 'zh-CN': '信用档案', en: 'Credit dossier' },
  notLocal: { 'zh-CN': '本机数据中没有该企业', en: 'This enterprise is not in the local data' },
} satisfies Messages;
