import type { Messages } from '../../i18n/languages';

export const messages = {
  tasks: { 'zh-CN': '检查任务', en: 'Inspection tasks' },
  dueDate: { 'zh-CN': '截止日期', en: 'Due' },
  unknownEnterprise: { 'zh-CN': '企业信息未同步', en: 'Enterprise not synced yet' },
  notFound: { 'zh-CN': '本机没有这个任务，请先同步。', en: 'This task is not on this machine. Sync first.' },
  plan: { 'zh-CN': '抽查计划', en: 'Plan' },
  team: { 'zh-CN': '检查组', en: 'Team' },
  form: { 'zh-CN': '联合检查表', en: 'Joint inspection form' },
  reason: { 'zh-CN': '退回理由', en: 'Reason' },
  returnedBy: { 'zh-CN': '{{name}} 于 {{time}} 退回本部分', en: 'Returned by {{name}} on {{time}}' },
  openRecord: { 'zh-CN': '查看检查记录表', en: 'Open the inspection record' },
  openDossier: { 'zh-CN': '查看信用档案', en: 'Open the credit dossier' },
} satisfies Messages;
