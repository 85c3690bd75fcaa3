import type { Messages } from '../../i18n/languages';

export const messages = {
  total: { 'zh-CN': '任务总数', en: 'Tasks' },
  completed: { 'zh-CN': '已完成检查', en: 'Inspections completed' },
  awaitingReview: { 'zh-CN': '待审核', en: 'Awaiting review' },
  overdue: { 'zh-CN': '公示逾期', en: 'Publication overdue' },
  byStatus: { 'zh-CN': '按任务状态', en: 'By task status' },
  byDistrict: { 'zh-CN': '按区市（任务数）', en: 'By district (tasks)' },
  byDepartment: { 'zh-CN': '按部门（已完成部分）', en: 'By department (sections completed)' },
  results: { 'zh-CN': '检查结果类别（已完成部分）', en: 'Result categories (completed sections)' },
  pendingPublication: { 'zh-CN': '待公示检查与剩余工作日', en: 'Awaiting publication, with working days left' },
  task: { 'zh-CN': '任务', en: 'Task' },
  checkedOn: { 'zh-CN': '检查日期', en: 'Checked on' },
  dueOn: { 'zh-CN': '公示期限', en: 'Publish by' },
  daysLeft: { 'zh-CN': '剩余工作日', en: 'Working days left' },
  overdueBy: { 'zh-CN': '逾期 {{count}} 个工作日', en: 'Overdue by {{count}} working days' },
  left: { 'zh-CN': '{{count}} 个工作日', en: '{{count}} working days' },
} satisfies Messages;
