// Fixed reference data of the demo: units, departments, their check-item catalogues and the demo officers.
// Stable across seeds so that demo logins and ids never change.
import type { CheckItem, Department, Unit } from '@shared/domain/model';
import { YANTAI_DISTRICTS } from '@shared/domain/districts';
import type { DemoOfficer } from './types';

export const DEMO_UNIT_ID = 'unit-yantai';

export const DEMO_UNITS: readonly Unit[] = [
  { id: DEMO_UNIT_ID, name: '烟台市双随机联合抽查办公室', districtCodes: YANTAI_DISTRICTS.map((d) => d.code) },
  // A second, smaller unit without demo logins: its data must stay out of unit-yantai's reach and vice versa.
  { id: 'unit-laizhou', name: '莱州市双随机联合抽查办公室', districtCodes: ['370683'] },
];

export type DepartmentKey = 'amr' | 'eco' | 'housing' | 'hrss' | 'tax' | 'emergency';

interface DepartmentSpec {
  key: DepartmentKey;
  department: Department;
  /** Name of the district-level office, e.g. 市场监督管理局 in 烟台市芝罘区市场监督管理局. */
  districtOffice: string;
  /** Abbreviation used in penalty decision numbers, e.g. 市监 in 龙口市监罚〔2024〕315号. */
  decisionAbbreviation: string;
  penaltyReasons: readonly string[];
  items: readonly (readonly [title: string, legalBasis: string])[];
}

const DEPARTMENT_SPECS: readonly DepartmentSpec[] = [
  {
    key: 'amr',
    department: { id: 'dept-amr', code: 'YT-SCJG', name: '市场监管局' },
    districtOffice: '市场监督管理局',
    decisionAbbreviation: '市监',
    penaltyReasons: [
      '经营不符合食品安全标准的食品',
      '未按规定建立并遵守进货查验记录制度',
      '发布虚假广告，欺骗、误导消费者',
      '使用未经定期检验的特种设备',
      '使用未经检定的计量器具',
      '生产、销售不符合保障人体健康的国家标准的产品',
      '未按规定公示年度报告且隐瞒真实情况',
    ],
    items: [
      ['食品生产者生产过程控制情况检查', '《中华人民共和国食品安全法》第四十六条'],
      ['食品经营者进货查验记录制度落实情况检查', '《中华人民共和国食品安全法》第五十三条'],
      ['企业公示信息情况检查', '《企业信息公示暂行条例》第十四条'],
      ['特种设备使用单位安全管理情况检查', '《中华人民共和国特种设备安全法》第三十二条'],
      ['强制检定计量器具使用情况检查', '《中华人民共和国计量法》第九条'],
      ['产品质量监督抽查', '《中华人民共和国产品质量法》第十五条'],
      ['广告发布行为检查', '《中华人民共和国广告法》第二十八条'],
      ['药品零售企业执行药品经营质量管理规范情况检查', '《中华人民共和国药品管理法》第五十三条'],
    ],
  },
  {
    key: 'eco',
    department: { id: 'dept-eco', code: 'YT-STHJ', name: '生态环境局' },
    districtOffice: '生态环境局',
    decisionAbbreviation: '环',
    penaltyReasons: [
      '超过大气污染物排放标准排放大气污染物',
      '未依法取得排污许可证排放污染物',
      '未按规定贮存危险废物',
      '建设项目未依法报批环境影响评价文件擅自开工建设',
      '通过暗管逃避监管的方式排放水污染物',
    ],
    items: [
      ['排污许可证执行情况检查', '《排污许可管理条例》第十七条'],
      ['大气污染物排放情况检查', '《中华人民共和国大气污染防治法》第十八条'],
      ['水污染物排放情况检查', '《中华人民共和国水污染防治法》第十条'],
      ['危险废物贮存、转移情况检查', '《中华人民共和国固体废物污染环境防治法》第七十七条'],
      ['建设项目环境影响评价制度执行情况检查', '《中华人民共和国环境影响评价法》第二十五条'],
      ['工业噪声排放情况检查', '《中华人民共和国噪声污染防治法》第三十六条'],
      ['企业环境信息依法披露情况检查', '《企业环境信息依法披露管理办法》第七条'],
    ],
  },
  {
    key: 'housing',
    department: { id: 'dept-housing', code: 'YT-ZJ', name: '住建局' },
    districtOffice: '住房和城乡建设局',
    decisionAbbreviation: '建',
    penaltyReasons: [
      '未取得施工许可证擅自施工',
      '超越本单位资质等级承揽工程',
      '施工现场未采取安全防护措施',
      '未取得商品房预售许可证预售商品房',
    ],
    items: [
      ['建筑工程施工许可情况检查', '《中华人民共和国建筑法》第七条'],
      ['建筑业企业资质情况检查', '《中华人民共和国建筑法》第十三条'],
      ['施工现场安全生产管理情况检查', '《建设工程安全生产管理条例》第二十一条'],
      ['建设工程质量检测情况检查', '《建设工程质量管理条例》第三十一条'],
      ['商品房预售许可情况检查', '《中华人民共和国城市房地产管理法》第四十五条'],
      ['物业服务企业服务行为检查', '《物业管理条例》第三十五条'],
      ['农民工工资专用账户管理情况检查', '《保障农民工工资支付条例》第二十六条'],
    ],
  },
  {
    key: 'hrss',
    department: { id: 'dept-hrss', code: 'YT-RS', name: '人社局' },
    districtOffice: '人力资源和社会保障局',
    decisionAbbreviation: '人社',
    penaltyReasons: [
      '未依法为职工办理社会保险登记',
      '违法延长劳动者工作时间',
      '克扣、无故拖欠劳动者工资',
      '非法招用未满十六周岁的未成年人',
    ],
    items: [
      ['劳动合同订立情况检查', '《中华人民共和国劳动合同法》第十条'],
      ['工资支付情况检查', '《中华人民共和国劳动法》第五十条'],
      ['社会保险登记及缴费情况检查', '《中华人民共和国社会保险法》第五十八条'],
      ['最低工资规定执行情况检查', '《最低工资规定》第十二条'],
      ['工作时间和休息休假规定执行情况检查', '《中华人民共和国劳动法》第四十一条'],
      ['禁止使用童工规定执行情况检查', '《禁止使用童工规定》第二条'],
    ],
  },
  {
    key: 'tax',
    department: { id: 'dept-tax', code: 'YT-SW', name: '税务局' },
    districtOffice: '税务局',
    decisionAbbreviation: '税',
    penaltyReasons: [
      '未按照规定期限办理纳税申报',
      '未按照规定开具发票',
      '未按照规定设置、保管账簿及记账凭证',
      '扣缴义务人应扣未扣个人所得税',
    ],
    items: [
      ['发票使用管理情况检查', '《中华人民共和国发票管理办法》第二十一条'],
      ['纳税申报情况检查', '《中华人民共和国税收征收管理法》第二十五条'],
      ['账簿、凭证设置和保管情况检查', '《中华人民共和国税收征收管理法》第十九条'],
      ['个人所得税代扣代缴情况检查', '《中华人民共和国个人所得税法》第九条'],
      ['税务登记情况检查', '《中华人民共和国税收征收管理法》第十五条'],
      ['增值税减免税优惠享受情况检查', '《中华人民共和国增值税暂行条例》第十五条'],
    ],
  },
  {
    key: 'emergency',
    department: { id: 'dept-emergency', code: 'YT-YJGL', name: '应急管理局' },
    districtOffice: '应急管理局',
    decisionAbbreviation: '应急',
    penaltyReasons: [
      '未按照规定对从业人员进行安全生产教育和培训',
      '未建立事故隐患排查治理制度',
      '未为从业人员提供符合标准的劳动防护用品',
      '未按照规定制定生产安全事故应急救援预案',
    ],
    items: [
      ['全员安全生产责任制落实情况检查', '《中华人民共和国安全生产法》第二十二条'],
      ['安全生产教育和培训情况检查', '《中华人民共和国安全生产法》第二十八条'],
      ['生产安全事故隐患排查治理情况检查', '《中华人民共和国安全生产法》第四十一条'],
      ['危险化学品储存安全管理情况检查', '《危险化学品安全管理条例》第二十四条'],
      ['生产安全事故应急预案制定和演练情况检查', '《生产安全事故应急条例》第五条'],
      ['劳动防护用品配备情况检查', '《中华人民共和国安全生产法》第四十五条'],
    ],
  },
];

export const DEMO_DEPARTMENTS: readonly Department[] = DEPARTMENT_SPECS.map((spec) => spec.department);

/** Departments that send credit data to the platform but do not inspect: the credit office and the court. */
export const DEMO_CREDIT_OFFICE: Department = { id: 'dept-credit', code: 'YT-XYB', name: '市信用办' };
export const DEMO_COURT: Department = { id: 'dept-court', code: 'YT-ZY', name: '市中级人民法院' };
export const DEMO_FEED_DEPARTMENTS: readonly Department[] = [DEMO_CREDIT_OFFICE, DEMO_COURT];

/** The department whose district office an authority name is, e.g. 烟台市芝罘区市场监督管理局 → dept-amr. */
export function departmentOfAuthority(authority: string): string {
  if (authority.startsWith('烟台市生态环境局')) return departmentId('eco');
  if (authority.startsWith('国家税务总局')) return departmentId('tax');
  const spec = DEPARTMENT_SPECS.find((s) => authority.endsWith(s.districtOffice));
  if (!spec) throw new Error(`no demo department issues as ${authority}`);
  return spec.department.id;
}

export function departmentSpec(key: DepartmentKey): DepartmentSpec {
  const spec = DEPARTMENT_SPECS.find((s) => s.key === key);
  if (!spec) throw new Error(`unknown department ${key}`);
  return spec;
}

export function departmentId(key: DepartmentKey): string {
  return departmentSpec(key).department.id;
}

export const DEMO_CHECK_ITEMS: readonly CheckItem[] = DEPARTMENT_SPECS.flatMap((spec) =>
  spec.items.map(([title, legalBasis], i) => {
    const n = String(i + 1).padStart(3, '0');
    return { id: `ci-${spec.key}-${n}`, departmentId: spec.department.id, code: `${spec.department.code}-${n}`, title, legalBasis };
  }),
);

const INSPECTOR_NAMES = [
  '王建军',
  '李海燕',
  '张志强',
  '刘晓东',
  '孙丽娟',
  '于洪波',
  '姜文博',
  '曲晓梅',
  '隋立新',
  '林春燕',
  '杨振华',
  '徐美玲',
  '赵国栋',
  '宋佳琪',
  '鞠成刚',
  '初雪莹',
  '衣红霞',
  '栾志远',
  '宫晓峰',
  '邹文静',
  '迟德胜',
  '修美华',
  '战永刚',
  '柳思源',
  '郝建平',
  '丛玉兰',
  '高明亮',
  '王晓燕',
  '李振宇',
  '张海涛',
  '刘芳芳',
  '孙浩然',
  '于静怡',
  '姜鹏飞',
  '曲国强',
  '隋婷婷',
  '林志刚',
  '杨雪梅',
  '徐振东',
  '赵丽萍',
  '宋建华',
  '鞠海鹰',
] as const;

const DATA_OFFICER_NAMES = ['吕明华', '蔡文娟', '鲍国庆', '殷秀芳', '阎志勇', '滕晓丽', '臧伟东', '房玉梅'] as const;

/**
 * inspectorNN belongs to department (NN - 1) mod 6 in catalogue order, so inspector01 is in 市场监管局 and
 * inspector02 in 生态环境局 (the end-to-end tests log in as both); seven inspectors per department.
 */
export const DEMO_OFFICERS: readonly DemoOfficer[] = [
  ...INSPECTOR_NAMES.map((name, i): DemoOfficer => {
    const username = `inspector${String(i + 1).padStart(2, '0')}`;
    const departmentId = DEPARTMENT_SPECS[i % DEPARTMENT_SPECS.length]!.department.id;
    return { id: `off-${username}`, username, name, departmentId, unitId: DEMO_UNIT_ID, role: 'inspector' };
  }),
  { id: 'off-supervisor01', username: 'supervisor01', name: '孙立平', departmentId: 'dept-amr', unitId: DEMO_UNIT_ID, role: 'supervisor' },
  // The city platform's intake: one data officer per department (data01 市场监管局 … data08 市中级人民法院), two credit
  // reviewers (disputed data needs two different ones) and the platform's administrator.
  ...[...DEMO_DEPARTMENTS, ...DEMO_FEED_DEPARTMENTS].map((department, i): DemoOfficer => {
    const username = `data${String(i + 1).padStart(2, '0')}`;
    return {
      id: `off-${username}`,
      username,
      name: DATA_OFFICER_NAMES[i]!,
      departmentId: department.id,
      unitId: DEMO_UNIT_ID,
      role: 'data_officer',
    };
  }),
  {
    id: 'off-reviewer01',
    username: 'reviewer01',
    name: '牟晓光',
    departmentId: DEMO_CREDIT_OFFICE.id,
    unitId: DEMO_UNIT_ID,
    role: 'credit_reviewer',
  },
  {
    id: 'off-reviewer02',
    username: 'reviewer02',
    name: '慕容秀',
    departmentId: DEMO_CREDIT_OFFICE.id,
    unitId: DEMO_UNIT_ID,
    role: 'credit_reviewer',
  },
  { id: 'off-admin01', username: 'admin01', name: '管理员', departmentId: DEMO_CREDIT_OFFICE.id, unitId: DEMO_UNIT_ID, role: 'admin' },
];
