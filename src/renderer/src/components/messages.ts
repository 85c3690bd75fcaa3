import type { Messages } from '../i18n/languages';

export const messages = {
  profile: {
    title: { 'zh-CN': '企业信用概况', en: 'Credit profile' },
    uscc: { 'zh-CN': '统一社会信用代码', en: 'USCC' },
    district: { 'zh-CN': '区市', en: 'District' },
    riskClass: { 'zh-CN': '信用风险分类', en: 'Risk class' },
    legalRepresentative: { 'zh-CN': '法定代表人', en: 'Legal representative' },
    address: { 'zh-CN': '住所', en: 'Address' },
    industry: { 'zh-CN': '行业', en: 'Industry' },
    entityCategory: { 'zh-CN': '主体类型', en: 'Entity type' },
    registeredCapital: { 'zh-CN': '注册资本', en: 'Registered capital' },
    establishedOn: { 'zh-CN': '成立日期', en: 'Established' },
    lighthouseScore: { 'zh-CN': '灯塔分', en: 'Lighthouse score' },
    lighthouseEvents: { 'zh-CN': '加减分事项', en: 'Score events' },
    redList: { 'zh-CN': '诚信红榜', en: 'Honour list' },
    blackList: { 'zh-CN': '严重违法失信名单', en: 'Serious dishonesty list' },
    dishonestDebtors: { 'zh-CN': '失信被执行人', en: 'Dishonest judgment debtor' },
    penalties: { 'zh-CN': '行政处罚', en: 'Administrative penalties' },
    pastInspections: { 'zh-CN': '以往抽查', en: 'Past inspections' },
    none: { 'zh-CN': '无', en: 'None' },
    repaired: { 'zh-CN': '已信用修复', en: 'credit repaired' },
    entityCategoryName: {
      enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
      individual_business: { 'zh-CN': '个体工商户', en: 'Individual business' },
      farmers_cooperative: { 'zh-CN': '农民专业合作社', en: "Farmers' cooperative" },
    },
    disputed: { 'zh-CN': '有争议', en: 'Disputed' },
    disputedHint: { 'zh-CN': '罚款超过 100 万元，尚未经过两次确认', en: 'Over 1,000,000 yuan and not yet confirmed twice' },
    repairableFrom: { 'zh-CN': '可申请修复：{{date}} 起', en: 'Repairable from {{date}}' },
    publicity: { 'zh-CN': '公示期 {{months}} 个月，至 {{date}}', en: 'Published {{months}} months, until {{date}}' },
    repairs: { 'zh-CN': '信用修复', en: 'Credit repairs' },
    repairStatus: {
      pending: { 'zh-CN': '审核中', en: 'Pending' },
      approved: { 'zh-CN': '已修复', en: 'Repaired' },
      rejected: { 'zh-CN': '未通过', en: 'Rejected' },
    },
    repairApplied: { 'zh-CN': '申请于 {{date}}', en: 'applied {{date}}' },
    repairDecided: { 'zh-CN': '决定于 {{date}}', en: 'decided {{date}}' },
    penaltyFor: { 'zh-CN': '关联处罚 {{decision}}', en: 'for penalty {{decision}}' },
    riskInternal: {
      'zh-CN': '内部信用风险分类：仅供执法人员参考，不公示，不作为处罚依据',
      en: 'Internal credit-risk class: for officers only, never published, never a ground for punishment',
    },
  },
  remote: {
    loadFailed: { 'zh-CN': '加载失败：{{message}}', en: 'Loading failed: {{message}}' },
  },
  reviewStatus: {
    awaiting_review: { 'zh-CN': '待审核', en: 'Awaiting review' },
    returned: { 'zh-CN': '已退回', en: 'Returned' },
    corrected: { 'zh-CN': '已更正', en: 'Corrected' },
    approved: { 'zh-CN': '已审核', en: 'Approved' },
    published: { 'zh-CN': '已公示', en: 'Published' },
  },
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
