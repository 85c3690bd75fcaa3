import type { Messages } from '../i18n/languages';

export const messages = {
  loading: { 'zh-CN': '正在加载…', en: 'Loading…' },
  nav: {
    tasks: { 'zh-CN': '任务', en: 'Tasks' },
    map: { 'zh-CN': '地图', en: 'Map' },
    dashboard: { 'zh-CN': '进度', en: 'Progress' },
    review: { 'zh-CN': '审核公示', en: 'Review & publish' },
    plans: { 'zh-CN': '抽查计划', en: 'Inspection plans' },
    devices: { 'zh-CN': '设备管理', en: 'Devices' },
  },
} satisfies Messages;
