import type { Messages } from '../../i18n/languages';

export const messages = {
  title: { 'zh-CN': '任务地图', en: 'Task map' },
  plan: { 'zh-CN': '抽查计划', en: 'Plan' },
  department: { 'zh-CN': '部门', en: 'Department' },
  district: { 'zh-CN': '区市', en: 'District' },
  status: { 'zh-CN': '状态', en: 'Status' },
  riskClass: { 'zh-CN': '风险分类', en: 'Risk class' },
  overdue: { 'zh-CN': '只看逾期', en: 'Overdue only' },
  byStatus: { 'zh-CN': '按状态着色', en: 'Colour by status' },
  byRisk: { 'zh-CN': '按风险分类着色', en: 'Colour by risk class' },
  count: { 'zh-CN': '{{count}} 项任务', en: '{{count}} tasks' },
  tileUrl: { 'zh-CN': '底图瓦片地址（可选）', en: 'Tile server URL (optional)' },
  clusterTitle: { 'zh-CN': '此处共 {{count}} 项任务', en: '{{count}} tasks here' },
  clusterMore: { 'zh-CN': '另有 {{count}} 项，放大地图查看', en: '{{count}} more: zoom in to see them' },
  tilesUnreachable: {
    'zh-CN': '底图瓦片服务器无法访问，仅显示离线区划轮廓',
    en: 'The tile server cannot be reached: showing the offline district outlines only',
  },
} satisfies Messages;
