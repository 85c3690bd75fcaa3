// Word lists for plausible Yantai enterprises: industries, trade names, people and roads.
import type { DepartmentKey } from './catalogue';

export interface Industry {
  name: string;
  /** Relative share of registered entities. */
  weight: number;
  /** Words in a company name, e.g. 食品 in 烟台鑫华食品有限公司. */
  companyWords: readonly string[];
  /** Shop words of an individual business (个体工商户); empty if individuals rarely run this trade. */
  shopWords: readonly string[];
  /** Food, drugs and special equipment wait 1 year (not 6 months) before a credit repair. */
  longRepairWait: boolean;
  /** Departments that typically inspect this trade, besides 市场监管局 and 税务局 which inspect all. */
  departments: readonly DepartmentKey[];
}

export const INDUSTRIES: readonly Industry[] = [
  {
    name: '食品制造',
    weight: 5,
    companyWords: ['食品', '食品科技', '粮油'],
    shopWords: ['食品加工坊', '馒头房'],
    longRepairWait: true,
    departments: ['eco', 'emergency', 'hrss'],
  },
  {
    name: '餐饮服务',
    weight: 11,
    companyWords: ['餐饮管理', '餐饮服务'],
    shopWords: ['饭店', '小吃部', '海鲜饭店', '面馆', '烧烤店'],
    longRepairWait: true,
    departments: ['eco', 'hrss'],
  },
  { name: '药品零售', weight: 3, companyWords: ['医药', '大药房连锁'], shopWords: ['药店'], longRepairWait: true, departments: ['hrss'] },
  {
    name: '特种设备安装维修',
    weight: 2,
    companyWords: ['电梯工程', '起重设备', '锅炉安装'],
    shopWords: [],
    longRepairWait: true,
    departments: ['emergency', 'hrss'],
  },
  {
    name: '批发和零售业',
    weight: 18,
    companyWords: ['商贸', '贸易', '商业'],
    shopWords: ['便利店', '超市', '百货商店', '水果店', '五金店'],
    longRepairWait: false,
    departments: ['hrss'],
  },
  {
    name: '通用设备制造',
    weight: 7,
    companyWords: ['机械', '机械制造', '精密机械'],
    shopWords: [],
    longRepairWait: false,
    departments: ['eco', 'emergency', 'hrss'],
  },
  {
    name: '化学原料和化学制品制造',
    weight: 3,
    companyWords: ['化工', '精细化工', '新材料'],
    shopWords: [],
    longRepairWait: false,
    departments: ['eco', 'emergency'],
  },
  {
    name: '房屋建筑业',
    weight: 6,
    companyWords: ['建筑工程', '建设工程', '建筑安装'],
    shopWords: [],
    longRepairWait: false,
    departments: ['housing', 'hrss', 'emergency'],
  },
  {
    name: '道路货物运输',
    weight: 6,
    companyWords: ['物流', '运输', '供应链管理'],
    shopWords: ['货运部'],
    longRepairWait: false,
    departments: ['emergency', 'hrss'],
  },
  {
    name: '水产品加工',
    weight: 4,
    companyWords: ['水产', '海洋食品', '海珍品'],
    shopWords: ['水产品加工部'],
    longRepairWait: true,
    departments: ['eco', 'emergency'],
  },
  {
    name: '葡萄酒制造',
    weight: 2,
    companyWords: ['葡萄酒', '酒业', '酒庄'],
    shopWords: [],
    longRepairWait: true,
    departments: ['eco', 'emergency'],
  },
  {
    name: '电子设备制造',
    weight: 4,
    companyWords: ['电子', '电子科技', '智能科技'],
    shopWords: [],
    longRepairWait: false,
    departments: ['eco', 'hrss'],
  },
  {
    name: '纺织服装',
    weight: 3,
    companyWords: ['服饰', '纺织', '制衣'],
    shopWords: ['服装店', '裁缝店'],
    longRepairWait: false,
    departments: ['eco', 'hrss'],
  },
  {
    name: '房地产开发经营',
    weight: 2,
    companyWords: ['置业', '房地产开发'],
    shopWords: [],
    longRepairWait: false,
    departments: ['housing'],
  },
  {
    name: '农业种植',
    weight: 6,
    companyWords: ['农业科技', '果业', '农业开发'],
    shopWords: ['家庭农场', '果园'],
    longRepairWait: false,
    departments: ['eco'],
  },
  {
    name: '软件和信息技术服务',
    weight: 5,
    companyWords: ['信息技术', '网络科技', '软件'],
    shopWords: ['电脑维修部'],
    longRepairWait: false,
    departments: ['hrss'],
  },
  {
    name: '住宿业',
    weight: 3,
    companyWords: ['酒店管理', '酒店'],
    shopWords: ['宾馆', '旅馆', '民宿'],
    longRepairWait: false,
    departments: ['emergency', 'hrss'],
  },
  {
    name: '汽车修理与维护',
    weight: 4,
    companyWords: ['汽车服务', '汽车维修'],
    shopWords: ['汽车修理部', '汽车美容店'],
    longRepairWait: false,
    departments: ['eco', 'emergency'],
  },
];

/** Cooperatives are agricultural; 栖霞 apples, 莱阳 pears and sea cucumbers are Yantai staples. */
export const COOPERATIVE_PRODUCE = ['果蔬', '苹果', '大樱桃', '葡萄', '花生', '海参养殖', '蔬菜种植', '梨', '蓝莓', '中药材种植'] as const;
export const COOPERATIVE_INDUSTRY = '农业种植';

export const TRADE_NAME_CHARS = '鑫华泰恒盛达源宏海润丰瑞金鼎嘉诚信和利宇康博通德安兴昌隆远祥佳正明宝福万顺天辰晟东方新美荣益鸿升旭航';

/** Common surnames, weighted towards those typical of the Jiaodong peninsula (于, 曲, 隋, 姜, 鞠, 初, 衣, 栾 …). */
export const SURNAMES = '王王王李李张张刘刘孙孙于于姜姜曲隋林杨徐赵宋鞠初衣栾宫邹迟修战柳郝丛高陈周吴郭马梁唐董矫慕';
export const GIVEN_NAME_CHARS = '建国志强海燕丽娟秀英明伟芳军磊洋静敏勇杰涛红玲鹏晓东春梅玉兰文斌刚凯婷宁浩宇琳欣超亮波霞萍立新华平永成';

export const ROADS: Readonly<Record<string, readonly string[]>> = {
  '370602': ['南大街', '北马路', '解放路', '胜利路', '环山路', '青年南路', '只楚路', '西南河路', '幸福南路', '通世路'],
  '370611': ['福海路', '永达街', '河滨路', '松山街', '天府街', '汇福街', '振华街'],
  '370612': ['正阳路', '通海路', '金埠大街', '沁水路', '安德路', '府前路', '宁海大街'],
  '370613': ['港城东大街', '观海路', '迎春大街', '山海路', '盛泉路', '滨海中路', '秀林路', '清泉路'],
  '370614': ['钟楼北路', '海市路', '南关路', '登州路', '蓬莱阁路', '北关路', '长山路'],
  '370681': ['港城大道', '环城北路', '振华路', '北海路', '东莱街', '龙口路', '黄城大街'],
  '370682': ['旌旗路', '富山路', '鹤山路', '五龙路', '昌山路', '梨乡路'],
  '370683': ['文化西街', '光州街', '府前西街', '莱州南路', '文昌路', '云峰路'],
  '370685': ['金城路', '温泉路', '罗峰路', '初山路', '府前路', '金晖路'],
  '370686': ['迎宾路', '霞光路', '翠屏街', '文化路', '庄园路', '桃村路'],
  '370687': ['海阳路', '方圆路', '东村街', '海政路', '亚沙路', '海滨路'],
};

/** Relative number of registered entities per district (urban 芝罘 and 莱山 largest). */
export const DISTRICT_WEIGHTS: Readonly<Record<string, number>> = {
  '370602': 18,
  '370611': 9,
  '370612': 7,
  '370613': 12,
  '370614': 7,
  '370681': 11,
  '370682': 8,
  '370683': 10,
  '370685': 7,
  '370686': 5,
  '370687': 6,
};

export const PAST_PLAN_NAMES = [
  '2023年度烟台市部门联合双随机抽查（第二批）',
  '2024年度烟台市市场监管领域部门联合双随机抽查',
  '2024年度烟台市部门联合双随机抽查（第三批）',
  '2025年度烟台市部门联合双随机抽查（第一批）',
] as const;

export const RED_LIST_REASONS = ['年度诚信示范企业', '守合同重信用企业', '纳税信用A级纳税人', '劳动保障守法诚信示范单位'] as const;
export const BLACK_LIST_REASONS = [
  '提交虚假材料取得登记，列入严重违法失信名单',
  '因同一违法行为两年内受到三次以上行政处罚，列入严重违法失信名单',
  '拒不履行行政处罚决定，列入严重违法失信名单',
] as const;
export const DEBTOR_OBLIGATIONS = ['支付货款及利息', '支付劳动报酬', '偿还借款本金及利息', '支付工程款', '支付租赁费'] as const;
