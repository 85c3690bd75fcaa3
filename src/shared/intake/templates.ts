// The rule table of the intake: every column of every kind, with its template header (DOMAIN.md, "Data departments
// send"), whether it is required, and the check its value must pass. The endpoint checks every record against it, the
// app draws its templates and problem lists from it, and docs/intake.md explains it.
import type { IntakeKind } from './kinds';
import { LIGHTHOUSE_EVENT_TYPES } from './lighthouse';

/** How a value is checked (besides required, length and control characters, which every field has). */
export type FieldCheck =
  | { type: 'text' }
  /** An 18-character USCC (GB 32100-2015), checked by the shared validator. */
  | { type: 'uscc' }
  /** A date: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD` or `YYYY年M月D日`; `future` dates allowed or not. */
  | { type: 'date'; future: boolean }
  /** A non-negative amount in the template's unit (`万元`: 10,000 yuan), up to 6 decimals. */
  | { type: 'amount'; unit: '万元' }
  /** One of `values` (or an alias of one); `multiple`: several, separated by `;` or `；`. */
  | { type: 'enum'; values: readonly string[]; aliases?: Readonly<Record<string, string>>; multiple?: true }
  /** A Yantai county-level division code (GB/T 2260). */
  | { type: 'district' }
  /** A resident identity-card number (GB 11643, check character) when the named type field is empty or an ID card. */
  | { type: 'idNumber'; typeField: string }
  /** A number from `min` to `max` (coordinates). */
  | { type: 'number'; min: number; max: number };

/** Required always, never, or when another field's value (enum) is, or includes, one of `values`. */
export type Requirement = boolean | { field: string; in: readonly string[] };

export interface IntakeField {
  /** English identifier: the JSON key, the English header, the key of `fields` in a record. */
  name: string;
  /** The template's Chinese header, as departments export it; the `field` of a problem. */
  header: string;
  /** English label for the app. */
  label: string;
  required: Requirement;
  maxLength: number;
  check: FieldCheck;
  /** Personal data of a natural person (identity-card numbers): kept on the endpoint only, masked in every answer. */
  personal?: true;
}

export interface IntakeTemplate {
  kind: IntakeKind;
  title: string;
  titleEn: string;
  fields: readonly IntakeField[];
  /** The natural key: these fields' values, joined, identify the record across submissions. */
  key: readonly string[];
  /** The enterprise the record is about (its USCC field), and the name checked against the register there. */
  enterprise: { uscc: string; name: string } | null;
  /** Date pairs that must be in order: `[earlier, later]`. */
  dateOrder: readonly (readonly [string, string])[];
}

const text = (maxLength: number) => ({ maxLength, check: { type: 'text' } }) as const;
const uscc = { maxLength: 18, check: { type: 'uscc' } } as const;
const pastDate = { maxLength: 20, check: { type: 'date', future: false } } as const;
const anyDate = { maxLength: 20, check: { type: 'date', future: true } } as const;
const amount = { maxLength: 20, check: { type: 'amount', unit: '万元' } } as const;

/** 行政相对人类别 of the double-publicity templates. */
export const ENTITY_CATEGORY_ORGANISATION = '法人及非法人组织';
export const ENTITY_CATEGORY_PERSON = '自然人';
export const ENTITY_CATEGORY_INDIVIDUAL_BUSINESS = '个体工商户';
const entityCategoryValues = [ENTITY_CATEGORY_ORGANISATION, ENTITY_CATEGORY_PERSON, ENTITY_CATEGORY_INDIVIDUAL_BUSINESS] as const;

export const PENALTY_CATEGORIES = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '其他',
] as const;
export const PENALTY_CATEGORY_FINE = '罚款';

export const LICENCE_CATEGORIES = ['普通', '特许', '认可', '核准', '登记', '其他'] as const;
export const REGISTRATION_STATUSES = ['存续', '在业', '吊销', '注销', '迁出'] as const;
export const LIST_TYPES = ['红名单', '黑名单'] as const;
export const REPAIR_OUTCOMES = ['待审核', '准予修复', '不予修复'] as const;
export const RISK_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const;

/** The subject of a double-publicity record: who it is about, and how they are identified. */
const subjectFields = (): IntakeField[] => [
  { name: 'entityName', header: '行政相对人名称', label: 'Subject name', required: true, ...text(200) },
  {
    name: 'entityCategory',
    header: '行政相对人类别',
    label: 'Subject category',
    required: true,
    maxLength: 20,
    check: { type: 'enum', values: entityCategoryValues },
  },
  {
    name: 'uscc',
    header: '行政相对人代码_1（统一社会信用代码）',
    label: 'Unified social credit code',
    required: { field: 'entityCategory', in: [ENTITY_CATEGORY_ORGANISATION, ENTITY_CATEGORY_INDIVIDUAL_BUSINESS] },
    ...uscc,
  },
  {
    name: 'registrationNumber',
    header: '行政相对人代码_2（工商注册号）',
    label: 'Business registration number',
    required: false,
    ...text(50),
  },
  { name: 'organizationCode', header: '行政相对人代码_3（组织机构代码）', label: 'Organization code', required: false, ...text(20) },
  {
    name: 'taxRegistrationNumber',
    header: '行政相对人代码_4（税务登记号）',
    label: 'Tax registration number',
    required: false,
    ...text(50),
  },
  {
    name: 'institutionCertificateNumber',
    header: '行政相对人代码_5（事业单位证书号）',
    label: 'Public institution certificate number',
    required: false,
    ...text(50),
  },
  {
    name: 'socialOrganizationNumber',
    header: '行政相对人代码_6（社会组织登记证号）',
    label: 'Social organisation registration number',
    required: false,
    ...text(50),
  },
  {
    name: 'legalRepresentative',
    header: '法定代表人',
    label: 'Legal representative',
    required: { field: 'entityCategory', in: [ENTITY_CATEGORY_ORGANISATION] },
    ...text(50),
  },
  { name: 'legalRepresentativeIdType', header: '法定代表人证件类型', label: 'Legal representative ID type', required: false, ...text(30) },
  {
    name: 'legalRepresentativeIdNumber',
    header: '法定代表人证件号码',
    label: 'Legal representative ID number',
    required: false,
    maxLength: 30,
    check: { type: 'idNumber', typeField: 'legalRepresentativeIdType' },
    personal: true,
  },
  { name: 'personIdType', header: '证件类型', label: 'ID type (natural person)', required: false, ...text(30) },
  {
    name: 'personIdNumber',
    header: '证件号码',
    label: 'ID number (natural person)',
    required: { field: 'entityCategory', in: [ENTITY_CATEGORY_PERSON] },
    maxLength: 30,
    check: { type: 'idNumber', typeField: 'personIdType' },
    personal: true,
  },
];

/** Who decided and who sent the record: both with their own USCC. */
const authorityFields = (authority: string, authorityEn: string): IntakeField[] => [
  { name: 'authority', header: authority, label: authorityEn, required: true, ...text(200) },
  { name: 'authorityUscc', header: `${authority}统一社会信用代码`, label: `${authorityEn} USCC`, required: true, ...uscc },
  { name: 'dataSource', header: '数据来源单位', label: 'Data source', required: true, ...text(200) },
  { name: 'dataSourceUscc', header: '数据来源单位统一社会信用代码', label: 'Data source USCC', required: true, ...uscc },
];

const remarks: IntakeField = { name: 'remarks', header: '备注', label: 'Remarks', required: false, ...text(500) };

const penalties: IntakeTemplate = {
  kind: 'penalties',
  title: '行政处罚',
  titleEn: 'Administrative penalties',
  fields: [
    ...subjectFields(),
    { name: 'decisionNumber', header: '行政处罚决定书文号', label: 'Decision number', required: true, ...text(128) },
    { name: 'violationType', header: '违法行为类型', label: 'Type of violation', required: true, ...text(500) },
    { name: 'violationFacts', header: '违法事实', label: 'Facts of the violation', required: true, ...text(5000) },
    { name: 'legalBasis', header: '处罚依据', label: 'Legal basis', required: true, ...text(2000) },
    {
      name: 'penaltyCategories',
      header: '处罚类别',
      label: 'Penalty categories',
      required: true,
      maxLength: 200,
      check: { type: 'enum', values: PENALTY_CATEGORIES, multiple: true },
    },
    { name: 'penaltyContent', header: '处罚内容', label: 'Penalty content', required: true, ...text(2000) },
    {
      name: 'fineAmount',
      header: '罚款金额（万元）',
      label: 'Fine (10,000 yuan)',
      required: { field: 'penaltyCategories', in: [PENALTY_CATEGORY_FINE] },
      ...amount,
    },
    {
      name: 'confiscatedAmount',
      header: '没收违法所得、没收非法财物的金额（万元）',
      label: 'Confiscated amount (10,000 yuan)',
      required: false,
      ...amount,
    },
    { name: 'suspendedLicence', header: '暂扣或吊销证照名称及编号', label: 'Suspended or revoked licence', required: false, ...text(200) },
    { name: 'decidedOn', header: '处罚决定日期', label: 'Decision date', required: true, ...pastDate },
    { name: 'validUntil', header: '处罚有效期', label: 'Penalty valid until', required: true, ...anyDate },
    { name: 'publicityEndsOn', header: '公示截止期', label: 'Publicity ends on', required: false, ...anyDate },
    ...authorityFields('处罚机关', 'Penalising authority'),
    remarks,
  ],
  key: ['authority', 'decisionNumber'],
  enterprise: { uscc: 'uscc', name: 'entityName' },
  dateOrder: [
    ['decidedOn', 'validUntil'],
    ['decidedOn', 'publicityEndsOn'],
  ],
};

const licences: IntakeTemplate = {
  kind: 'licences',
  title: '行政许可',
  titleEn: 'Administrative licences',
  fields: [
    ...subjectFields(),
    { name: 'decisionDocumentName', header: '行政许可决定文书名称', label: 'Decision document', required: true, ...text(200) },
    { name: 'decisionDocumentNumber', header: '行政许可决定文书号', label: 'Decision document number', required: true, ...text(128) },
    {
      name: 'licenceCategory',
      header: '许可类别',
      label: 'Licence category',
      required: true,
      maxLength: 20,
      check: { type: 'enum', values: LICENCE_CATEGORIES },
    },
    { name: 'certificateName', header: '许可证书名称', label: 'Certificate', required: false, ...text(200) },
    { name: 'licenceNumber', header: '许可编号', label: 'Licence number', required: false, ...text(128) },
    { name: 'licenceContent', header: '许可内容', label: 'Licence content', required: true, ...text(4000) },
    { name: 'decidedOn', header: '许可决定日期', label: 'Decision date', required: true, ...pastDate },
    { name: 'validFrom', header: '有效期自', label: 'Valid from', required: true, ...anyDate },
    { name: 'validTo', header: '有效期至', label: 'Valid to', required: true, ...anyDate },
    ...authorityFields('许可机关', 'Licensing authority'),
    {
      name: 'licenceStatus',
      header: '当前状态',
      label: 'Status (1 valid, 2 invalid)',
      required: true,
      maxLength: 10,
      check: { type: 'enum', values: ['1', '2'], aliases: { 有效: '1', 无效: '2' } },
    },
    remarks,
  ],
  key: ['authority', 'decisionDocumentNumber'],
  enterprise: { uscc: 'uscc', name: 'entityName' },
  dateOrder: [['validFrom', 'validTo']],
};

const registrations: IntakeTemplate = {
  kind: 'registrations',
  title: '企业登记',
  titleEn: 'Enterprise register',
  fields: [
    { name: 'uscc', header: '统一社会信用代码', label: 'Unified social credit code', required: true, ...uscc },
    { name: 'name', header: '企业名称', label: 'Enterprise name', required: true, ...text(200) },
    { name: 'type', header: '类型', label: 'Type', required: true, ...text(100) },
    { name: 'legalRepresentative', header: '法定代表人', label: 'Legal representative', required: true, ...text(50) },
    { name: 'registeredCapital', header: '注册资本（万元）', label: 'Registered capital (10,000 yuan)', required: true, ...amount },
    { name: 'establishedOn', header: '成立日期', label: 'Established on', required: true, ...pastDate },
    { name: 'address', header: '住所', label: 'Address', required: true, ...text(300) },
    { name: 'districtCode', header: '所属区划', label: 'District code', required: true, maxLength: 6, check: { type: 'district' } },
    { name: 'registrationAuthority', header: '登记机关', label: 'Registration authority', required: true, ...text(200) },
    {
      name: 'registrationStatus',
      header: '登记状态',
      label: 'Registration status',
      required: true,
      maxLength: 10,
      check: { type: 'enum', values: REGISTRATION_STATUSES },
    },
    { name: 'businessScope', header: '经营范围', label: 'Business scope', required: false, ...text(4000) },
    // The platform's own columns of the register it keeps: the industry, the premises' position (WGS-84) and the
    // credit-risk class of Shandong's classification.
    { name: 'industry', header: '所属行业', label: 'Industry', required: false, ...text(100) },
    { name: 'longitude', header: '经度', label: 'Longitude', required: false, maxLength: 20, check: { type: 'number', min: 73, max: 136 } },
    { name: 'latitude', header: '纬度', label: 'Latitude', required: false, maxLength: 20, check: { type: 'number', min: 3, max: 54 } },
    {
      name: 'riskClass',
      header: '信用风险分类',
      label: 'Credit risk class',
      required: false,
      maxLength: 1,
      check: { type: 'enum', values: RISK_CLASSES },
    },
  ],
  key: ['uscc'],
  enterprise: null,
  dateOrder: [],
};

const listEntries: IntakeTemplate = {
  kind: 'listEntries',
  title: '红黑名单',
  titleEn: 'Red and black lists',
  fields: [
    {
      name: 'listType',
      header: '名单类型',
      label: 'List',
      required: true,
      maxLength: 20,
      check: { type: 'enum', values: LIST_TYPES, aliases: { 诚信红榜: '红名单', 红榜: '红名单', 严重违法失信名单: '黑名单' } },
    },
    { name: 'entityName', header: '主体名称', label: 'Entity name', required: true, ...text(200) },
    { name: 'uscc', header: '统一社会信用代码', label: 'Unified social credit code', required: true, ...uscc },
    { name: 'decisionNumber', header: '认定文书号', label: 'Decision number', required: true, ...text(128) },
    { name: 'authority', header: '认定部门', label: 'Listing authority', required: true, ...text(200) },
    { name: 'reason', header: '列入事由', label: 'Reason', required: true, ...text(1000) },
    { name: 'listedOn', header: '列入日期', label: 'Listed on', required: true, ...pastDate },
    { name: 'validUntil', header: '有效期至', label: 'Valid until', required: false, ...anyDate },
    { name: 'removedOn', header: '移出日期', label: 'Removed on', required: false, ...pastDate },
  ],
  key: ['authority', 'decisionNumber'],
  enterprise: { uscc: 'uscc', name: 'entityName' },
  dateOrder: [
    ['listedOn', 'validUntil'],
    ['listedOn', 'removedOn'],
  ],
};

const dishonestDebtors: IntakeTemplate = {
  kind: 'dishonestDebtors',
  title: '失信被执行人',
  titleEn: 'Dishonest judgment debtors',
  fields: [
    { name: 'entityName', header: '被执行人姓名/名称', label: 'Debtor', required: true, ...text(200) },
    { name: 'uscc', header: '统一社会信用代码', label: 'Unified social credit code', required: true, ...uscc },
    { name: 'legalRepresentative', header: '法定代表人或者负责人姓名', label: 'Legal representative', required: false, ...text(50) },
    { name: 'court', header: '执行法院', label: 'Enforcing court', required: true, ...text(200) },
    { name: 'province', header: '省份', label: 'Province', required: false, ...text(20) },
    { name: 'basisNumber', header: '执行依据文号', label: 'Enforcement basis number', required: false, ...text(128) },
    { name: 'filedOn', header: '立案时间', label: 'Filed on', required: true, ...pastDate },
    { name: 'caseNumber', header: '案号', label: 'Case number', required: true, ...text(128) },
    { name: 'basisIssuer', header: '做出执行依据单位', label: 'Issuer of the enforcement basis', required: false, ...text(200) },
    { name: 'obligation', header: '生效法律文书确定的义务', label: 'Obligation', required: true, ...text(2000) },
    { name: 'performance', header: '被执行人的履行情况', label: 'Performance', required: false, ...text(200) },
    { name: 'conduct', header: '失信被执行人行为具体情形', label: 'Dishonest conduct', required: false, ...text(1000) },
    { name: 'publishedOn', header: '发布时间', label: 'Published on', required: true, ...pastDate },
    { name: 'expiresOn', header: '失信期限届满日期', label: 'Listing ends on', required: false, ...anyDate },
  ],
  key: ['court', 'caseNumber'],
  enterprise: { uscc: 'uscc', name: 'entityName' },
  dateOrder: [
    ['filedOn', 'publishedOn'],
    ['publishedOn', 'expiresOn'],
  ],
};

const scoreEvents: IntakeTemplate = {
  kind: 'scoreEvents',
  title: '灯塔分事件',
  titleEn: 'Lighthouse score events',
  fields: [
    { name: 'uscc', header: '统一社会信用代码', label: 'Unified social credit code', required: true, ...uscc },
    { name: 'entityName', header: '主体名称', label: 'Entity name', required: true, ...text(200) },
    // The event codes of the lighthouse rule table; their Chinese labels are accepted too.
    {
      name: 'eventType',
      header: '事件类型',
      label: 'Event type',
      required: true,
      maxLength: 60,
      check: {
        type: 'enum',
        values: Object.keys(LIGHTHOUSE_EVENT_TYPES),
        aliases: Object.fromEntries(Object.entries(LIGHTHOUSE_EVENT_TYPES).map(([code, rule]) => [rule.label, code])),
      },
    },
    { name: 'eventDate', header: '事件日期', label: 'Event date', required: true, ...pastDate },
    { name: 'description', header: '事件说明', label: 'Description', required: false, ...text(500) },
    { name: 'authority', header: '认定单位', label: 'Recognising authority', required: true, ...text(200) },
  ],
  key: ['uscc', 'eventType', 'eventDate'],
  enterprise: { uscc: 'uscc', name: 'entityName' },
  dateOrder: [],
};

const repairs: IntakeTemplate = {
  kind: 'repairs',
  title: '信用修复',
  titleEn: 'Credit repairs',
  fields: [
    { name: 'uscc', header: '统一社会信用代码', label: 'Unified social credit code', required: true, ...uscc },
    { name: 'entityName', header: '主体名称', label: 'Entity name', required: true, ...text(200) },
    { name: 'penaltyAuthority', header: '处罚机关', label: 'Penalising authority', required: true, ...text(200) },
    { name: 'penaltyDecisionNumber', header: '行政处罚决定书文号', label: 'Penalty decision number', required: true, ...text(128) },
    { name: 'appliedOn', header: '申请日期', label: 'Applied on', required: true, ...pastDate },
    {
      name: 'outcome',
      header: '修复结果',
      label: 'Outcome',
      required: true,
      maxLength: 10,
      check: { type: 'enum', values: REPAIR_OUTCOMES },
    },
    {
      name: 'decidedOn',
      header: '修复决定日期',
      label: 'Decided on',
      required: { field: 'outcome', in: ['准予修复', '不予修复'] },
      ...pastDate,
    },
    { name: 'authority', header: '修复决定机关', label: 'Deciding authority', required: true, ...text(200) },
  ],
  key: ['penaltyAuthority', 'penaltyDecisionNumber', 'appliedOn'],
  enterprise: { uscc: 'uscc', name: 'entityName' },
  dateOrder: [['appliedOn', 'decidedOn']],
};

export const INTAKE_TEMPLATES: Readonly<Record<IntakeKind, IntakeTemplate>> = {
  registrations,
  penalties,
  licences,
  listEntries,
  dishonestDebtors,
  scoreEvents,
  repairs,
};

/** Extra columns of a returns file: the problems found, and the return it corrects (read back on resubmission). */
export const PROBLEMS_COLUMN = { name: 'problems', header: '问题' } as const;
export const RETURN_ID_COLUMN = { name: 'returnId', header: '退回编号' } as const;

/** A field of a kind by its English name. */
export function intakeField(kind: IntakeKind, name: string): IntakeField | undefined {
  return INTAKE_TEMPLATES[kind].fields.find((field) => field.name === name);
}
