import type { Messages } from '../i18n/languages';

export const messages = {
  riskClass: {
    internal: { 'zh-CN': '内部', en: 'Internal' },
    internalHint: {
      'zh-CN': '风险分类仅供内部使用，不公示，不作为处罚依据',
      en: 'The risk class is internal: never published, never a ground for punishment',
    },
  },
  taskStatus: {
    assigned: { 'zh-CN': '待检查', en: 'Assigned' },
    in_progress: { 'zh-CN': '检查中', en: 'In progress' },
    completed: { 'zh-CN': '已完成', en: 'Completed' },
  },
} satisfies Messages;
