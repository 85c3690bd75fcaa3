// The rule table, rule by rule: every field of every kind with a value that passes and one that fails its check, then
// the conditional requirements, the date orders and the register's checks.
import { describe, expect, it } from 'vitest';
import { checkRecord, isDisputed, normaliseAmount, normaliseDate, registerProblem, resolveColumns, type RawRecord } from './check';
import { buildUscc } from '../domain/uscc';
import { defuseCsvCell, restoreCsvCell } from '../text/csv';
import { INTAKE_KINDS, type IntakeKind, type IntakeProblemCode } from './kinds';
import { INTAKE_TEMPLATES, type IntakeField } from './templates';

const TODAY = '2026-12-05';
const VALID_USCC = buildUscc('9', '1', '370602', 'MA3C4D5E');
const AUTHORITY = buildUscc('1', '1', '370600', '00441312');

const ID_NUMBER = '11010519491231002X';

/** A valid record of each kind: every field filled. */
const VALID: Record<IntakeKind, RawRecord> = {
  registrations: {
    uscc: '',
    name: '烟台测试有限公司',
    type: '有限责任公司',
    legalRepresentative: '张三',
    registeredCapital: '100',
    establishedOn: '2015-03-01',
    address: '山东省烟台市芝罘区测试路1号',
    districtCode: '370602',
    registrationAuthority: '烟台市市场监督管理局',
    registrationStatus: '存续',
    businessScope: '批发和零售',
    industry: '批发和零售业',
    longitude: '121.4',
    latitude: '37.5',
    riskClass: 'B',
  },
  penalties: {
    entityName: '烟台测试有限公司',
    entityCategory: '法人及非法人组织',
    uscc: '',
    registrationNumber: '370600000012345',
    organizationCode: 'MA3C4D5E6',
    taxRegistrationNumber: '370602MA3C4D5E6',
    institutionCertificateNumber: '事证1',
    socialOrganizationNumber: '社证1',
    legalRepresentative: '张三',
    legalRepresentativeIdType: '身份证',
    legalRepresentativeIdNumber: ID_NUMBER,
    personIdType: '身份证',
    personIdNumber: ID_NUMBER,
    decisionNumber: '芝市监罚〔2024〕1号',
    violationType: '未按规定公示年度报告',
    violationFacts: '当事人未按规定公示年度报告。',
    legalBasis: '《企业信息公示暂行条例》',
    penaltyCategories: '罚款;警告',
    penaltyContent: '罚款5000元',
    fineAmount: '0.5',
    confiscatedAmount: '0',
    suspendedLicence: '营业执照',
    decidedOn: '2024-01-02',
    validUntil: '2027-01-02',
    publicityEndsOn: '2027-01-02',
    authority: '烟台市芝罘区市场监督管理局',
    authorityUscc: AUTHORITY,
    dataSource: '烟台市芝罘区市场监督管理局',
    dataSourceUscc: AUTHORITY,
    remarks: '无',
  },
  licences: {
    entityName: '烟台测试有限公司',
    entityCategory: '法人及非法人组织',
    uscc: '',
    registrationNumber: '370600000012345',
    organizationCode: 'MA3C4D5E6',
    taxRegistrationNumber: '370602MA3C4D5E6',
    institutionCertificateNumber: '事证1',
    socialOrganizationNumber: '社证1',
    legalRepresentative: '张三',
    legalRepresentativeIdType: '身份证',
    legalRepresentativeIdNumber: ID_NUMBER,
    personIdType: '身份证',
    personIdNumber: ID_NUMBER,
    decisionDocumentName: '食品经营许可决定书',
    decisionDocumentNumber: '芝市监许〔2024〕1号',
    licenceCategory: '普通',
    certificateName: '食品经营许可证',
    licenceNumber: 'JY13706020001',
    licenceContent: '预包装食品销售',
    decidedOn: '2024-01-02',
    validFrom: '2024-01-02',
    validTo: '2099-12-31',
    authority: '烟台市芝罘区市场监督管理局',
    authorityUscc: AUTHORITY,
    dataSource: '烟台市芝罘区市场监督管理局',
    dataSourceUscc: AUTHORITY,
    licenceStatus: '1',
    remarks: '无',
  },
  listEntries: {
    listType: '红名单',
    entityName: '烟台测试有限公司',
    uscc: '',
    decisionNumber: '烟信红〔2024〕1号',
    authority: '烟台市社会信用体系建设领导小组办公室',
    reason: '诚信经营示范单位',
    listedOn: '2024-01-02',
    validUntil: '2027-01-02',
    removedOn: '2025-01-02',
  },
  dishonestDebtors: {
    entityName: '烟台测试有限公司',
    uscc: '',
    legalRepresentative: '张三',
    court: '烟台市芝罘区人民法院',
    province: '山东',
    basisNumber: '（2023）鲁0602民初1号',
    filedOn: '2024-01-02',
    caseNumber: '（2024）鲁0602执1号',
    basisIssuer: '烟台市芝罘区人民法院',
    obligation: '支付货款10000元',
    performance: '全部未履行',
    conduct: '有履行能力而拒不履行',
    publishedOn: '2024-02-02',
    expiresOn: '2026-02-02',
  },
  scoreEvents: {
    uscc: '',
    entityName: '烟台测试有限公司',
    eventType: 'tax_credit_a',
    eventDate: '2025-04-15',
    description: '纳税信用A级',
    authority: '国家税务总局烟台市税务局',
  },
  repairs: {
    uscc: '',
    entityName: '烟台测试有限公司',
    penaltyAuthority: '烟台市芝罘区市场监督管理局',
    penaltyDecisionNumber: '芝市监罚〔2024〕1号',
    appliedOn: '2024-08-01',
    outcome: '准予修复',
    decidedOn: '2024-08-02',
    authority: '烟台市芝罘区市场监督管理局',
  },
};

// Valid codes (built by the shared validator's rules): the enterprise's in every kind's uscc field.
for (const kind of INTAKE_KINDS) (VALID[kind] as Record<string, string>).uscc = VALID_USCC;

/** A value that fails the field's own check, and the code it fails with. */
function failing(field: IntakeField): [string, IntakeProblemCode] {
  switch (field.check.type) {
    case 'text':
      return ['字'.repeat(field.maxLength + 1), 'too_long'];
    case 'uscc':
      return ['91350100M000100Y4Z', 'uscc_invalid'];
    case 'date':
      return field.check.future ? ['2024-02-30', 'date_invalid'] : ['2099-01-01', 'date_in_future'];
    case 'amount':
      return ['-3', 'amount_invalid'];
    case 'enum':
      return ['Z', 'enum_unknown'];
    case 'district':
      return ['110101', 'district_unknown'];
    case 'idNumber':
      return ['110105194912310021', 'id_number_invalid'];
    case 'number':
      return ['999', 'value_invalid'];
  }
}

const problemsOf = (kind: IntakeKind, values: RawRecord) => checkRecord(kind, values, TODAY).problems;

describe('the rule table', () => {
  it('checks at least 30 fields across the kinds, with unique names and headers per kind', () => {
    const fields = INTAKE_KINDS.flatMap((kind) => INTAKE_TEMPLATES[kind].fields);
    expect(fields.length).toBeGreaterThanOrEqual(30);
    for (const kind of INTAKE_KINDS) {
      const { fields: own } = INTAKE_TEMPLATES[kind];
      expect(new Set(own.map((f) => f.name)).size).toBe(own.length);
      expect(new Set(own.map((f) => f.header)).size).toBe(own.length);
    }
    expect(INTAKE_TEMPLATES.penalties.fields).toHaveLength(30);
  });

  it.each(INTAKE_KINDS)('accepts a valid %s record', (kind) => {
    expect(problemsOf(kind, VALID[kind])).toEqual([]);
  });

  for (const kind of INTAKE_KINDS) {
    describe(kind, () => {
      it.each(INTAKE_TEMPLATES[kind].fields.map((field) => [field.name, field] as const))(
        '%s: passes a valid value, fails an invalid one',
        (_, field) => {
          expect(problemsOf(kind, VALID[kind]).filter((p) => p.field === field.header)).toEqual([]);
          const [value, code] = failing(field);
          const problems = problemsOf(kind, { ...VALID[kind], [field.name]: value });
          expect(problems).toContainEqual(expect.objectContaining({ field: field.header, code }));
        },
      );

      it.each(INTAKE_TEMPLATES[kind].fields.filter((field) => field.required === true).map((field) => [field.name, field] as const))(
        '%s is required',
        (_, field) => {
          expect(problemsOf(kind, { ...VALID[kind], [field.name]: '  ' })).toContainEqual({
            field: field.header,
            code: 'required_missing',
            message: `${field.header}为必填项`,
          });
        },
      );

      it.each(INTAKE_TEMPLATES[kind].dateOrder.map(([a, b]) => [`${a} ≤ ${b}`, a, b] as const))('%s', (_, earlier, later) => {
        const header = INTAKE_TEMPLATES[kind].fields.find((field) => field.name === later)!.header;
        expect(
          problemsOf(kind, { ...VALID[kind], [earlier]: '2024-06-01', [later]: '2024-06-01' }).filter((p) => p.code === 'date_order'),
        ).toEqual([]);
        expect(problemsOf(kind, { ...VALID[kind], [earlier]: '2024-06-02', [later]: '2024-06-01' })).toContainEqual(
          expect.objectContaining({ field: header, code: 'date_order' }),
        );
      });
    });
  }

  it('refuses control characters in any field, and allows line breaks in long text', () => {
    expect(problemsOf('penalties', { ...VALID.penalties, violationFacts: '第一行\n第二行' })).toEqual([]);
    expect(problemsOf('penalties', { ...VALID.penalties, violationFacts: '事实\u0007' })).toContainEqual(
      expect.objectContaining({ field: '违法事实', code: 'control_characters' }),
    );
  });

  it('gives the shared USCC validator’s reason, with the expected check character', () => {
    const [problem] = problemsOf('scoreEvents', { ...VALID.scoreEvents, uscc: '91350100M000100Y4Z' });
    expect(problem).toEqual({
      field: '统一社会信用代码',
      code: 'uscc_invalid',
      message: '统一社会信用代码：统一社会信用代码第18位校验码错误，应为3',
    });
    expect(problemsOf('scoreEvents', { ...VALID.scoreEvents, uscc: '9137060' })[0]!.message).toContain('长度不是18位');
  });

  it('requires the code of organisations and individual businesses, not of natural persons', () => {
    const person = { ...VALID.penalties, entityCategory: '自然人', uscc: '', legalRepresentative: '' };
    expect(problemsOf('penalties', person)).toEqual([]);
    expect(problemsOf('penalties', { ...person, personIdNumber: '' })).toContainEqual(
      expect.objectContaining({ code: 'required_missing', field: '证件号码' }),
    );
    expect(problemsOf('penalties', { ...VALID.penalties, uscc: '' })).toContainEqual(
      expect.objectContaining({ code: 'required_missing', field: '行政相对人代码_1（统一社会信用代码）' }),
    );
  });

  it('requires the fine when the penalty categories include 罚款', () => {
    expect(problemsOf('penalties', { ...VALID.penalties, penaltyCategories: '警告', fineAmount: '' })).toEqual([]);
    expect(problemsOf('penalties', { ...VALID.penalties, fineAmount: '' })).toContainEqual(
      expect.objectContaining({ code: 'required_missing', field: '罚款金额（万元）' }),
    );
  });

  it('requires the repair decision date once a repair is decided', () => {
    expect(problemsOf('repairs', { ...VALID.repairs, outcome: '待审核', decidedOn: '' })).toEqual([]);
    expect(problemsOf('repairs', { ...VALID.repairs, decidedOn: '' })).toContainEqual(
      expect.objectContaining({ code: 'required_missing', field: '修复决定日期' }),
    );
  });

  it('checks an ID number only when its type is an identity card', () => {
    expect(problemsOf('penalties', { ...VALID.penalties, personIdType: '护照', personIdNumber: 'E12345678' })).toEqual([]);
  });

  it('allows validity and publicity end dates in the future (2099-12-31: no end), not decision dates', () => {
    expect(problemsOf('licences', { ...VALID.licences, validTo: '2099-12-31' })).toEqual([]);
    expect(problemsOf('licences', { ...VALID.licences, decidedOn: '2027-01-01' })).toContainEqual(
      expect.objectContaining({ code: 'date_in_future', field: '许可决定日期' }),
    );
  });

  it('normalises dates, amounts and enumerations as departments write them', () => {
    expect(['2024/1/2', '2024.01.02', '20240102', '2024年1月2日', '2024-01-02'].map(normaliseDate)).toEqual(Array(5).fill('2024-01-02'));
    expect(normaliseDate('2023-02-29')).toBeNull();
    expect(normaliseAmount('0150.50')).toBe('150.5');
    expect(normaliseAmount('1e3')).toBeNull();
    const checked = checkRecord('licences', { ...VALID.licences, licenceStatus: '有效', uscc: VALID_USCC.toLowerCase() }, TODAY);
    expect(checked.fields.licenceStatus).toBe('1');
    expect(checked.fields.uscc).toBe(VALID_USCC);
    expect(checkRecord('penalties', { ...VALID.penalties, penaltyCategories: '罚款；警告；罚款' }, TODAY).fields.penaltyCategories).toBe(
      '罚款;警告',
    );
    expect(checkRecord('scoreEvents', { ...VALID.scoreEvents, eventType: '纳税信用等级评为A级' }, TODAY).fields.eventType).toBe(
      'tax_credit_a',
    );
  });

  it('keys records by their natural key', () => {
    expect(checkRecord('penalties', VALID.penalties, TODAY).key).toBe('烟台市芝罘区市场监督管理局 / 芝市监罚〔2024〕1号');
    expect(checkRecord('registrations', VALID.registrations, TODAY).key).toBe(VALID_USCC);
    expect(checkRecord('penalties', { ...VALID.penalties, decisionNumber: '' }, TODAY).key).toBeNull();
  });
});

describe('the register', () => {
  const record = checkRecord('penalties', VALID.penalties, TODAY);
  const verdict = (registered: string | undefined, name = record.fields.entityName) =>
    registerProblem('penalties', record.enterpriseUscc, name, registered);

  it('matches the USCC and the name (full- and half-width forms alike)', () => {
    expect(verdict('烟台测试有限公司')).toBeNull();
    expect(verdict('烟台测试(集团)有限公司', '烟台测试（集团）有限公司')).toBeNull();
  });

  it('returns a record whose USCC and name do not match as uscc_name_mismatch', () => {
    expect(verdict('烟台别家有限公司')).toEqual(
      expect.objectContaining({ code: 'uscc_name_mismatch', field: '行政相对人代码_1（统一社会信用代码）' }),
    );
  });

  it('returns a code the register does not hold', () => {
    expect(verdict(undefined)).toEqual(expect.objectContaining({ code: 'uscc_not_registered' }));
  });

  it('does not check the register itself, nor a natural person without a code', () => {
    const registration = checkRecord('registrations', VALID.registrations, TODAY);
    expect(registerProblem('registrations', registration.enterpriseUscc, registration.fields.name, undefined)).toBeNull();
    const person = checkRecord('penalties', { ...VALID.penalties, entityCategory: '自然人', uscc: '' }, TODAY);
    expect(registerProblem('penalties', person.enterpriseUscc, person.fields.entityName, undefined)).toBeNull();
  });
});

describe('disputed data', () => {
  it('is a penalty with a fine of more than 100 万元', () => {
    expect(isDisputed('penalties', { fineAmount: '100' })).toBe(false);
    expect(isDisputed('penalties', { fineAmount: '100.0001' })).toBe(true);
    expect(isDisputed('licences', { fineAmount: '150' })).toBe(false);
  });
});

describe('columns', () => {
  it('reads Chinese headers, English names and a returns file’s extra columns; names unknown ones', () => {
    const { columns, unknown } = resolveColumns('penalties', [
      '\uFEFF行政相对人名称',
      'decisionNumber',
      '罚款金额(万元)',
      '问题',
      '退回编号',
      '其他列',
      '',
    ]);
    expect(columns).toEqual([
      { name: 'entityName' },
      { name: 'decisionNumber' },
      { name: 'fineAmount' },
      { extra: 'problems' },
      { extra: 'returnId' },
      null,
      null,
    ]);
    expect(unknown).toEqual(['其他列']);
  });
});

describe('cells', () => {
  it('defuses formulas for spreadsheet programs and reads them back', () => {
    for (const value of ['=1+1', '+86', '-3', '@x', 'plain', "'quoted", "'=1"]) expect(restoreCsvCell(defuseCsvCell(value))).toBe(value);
    expect(defuseCsvCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(checkRecord('penalties', { ...VALID.penalties, fineAmount: "'-3" }, TODAY).problems).toContainEqual(
      expect.objectContaining({ code: 'amount_invalid', message: expect.stringContaining('「-3」') }),
    );
  });
});
