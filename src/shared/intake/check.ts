// Checks one record against the rule table (templates.ts): each field's requirement, length, control characters and
// type, then the date orders, then (with the register's answer) whether the USCC and the name match. Pure: the
// endpoint runs it on every row, tests run it rule by rule.
import { validateUscc, type UsccValidation } from '../domain/uscc';
import { YANTAI_DISTRICTS } from '../domain/districts';
import { DISPUTED_FINE_YUAN, type IntakeKind, type IntakeProblemCode } from './kinds';
import { restoreCsvCell } from '../text/csv';
import { INTAKE_TEMPLATES, PROBLEMS_COLUMN, RETURN_ID_COLUMN, type IntakeField, type IntakeTemplate, type Requirement } from './templates';

export interface Problem {
  field: string;
  code: IntakeProblemCode;
  message: string;
}

export interface CheckedRecord {
  /** Normalised values by field name; empty fields left out. */
  fields: Record<string, string>;
  problems: Problem[];
  /** The natural key's values joined with ` / `, or null when one is missing or invalid. */
  key: string | null;
  /** The enterprise's USCC when the record names a valid one. */
  enterpriseUscc: string | null;
}

/** Written values of one row by field name (as read from the file, before normalisation). */
export type RawRecord = Readonly<Record<string, string | undefined>>;

/** Control characters (Unicode Cc) other than tab and line breaks, in one pass over the value. */
const CONTROL_CHARACTER = /[^\P{Cc}\t\n\r]/u;
const hasControlCharacters = (value: string) => CONTROL_CHARACTER.test(value);
const DISTRICT_CODES = new Set(YANTAI_DISTRICTS.map((district) => district.code));
const KEY_SEPARATOR = ' / ';

const USCC_REASONS: Record<Exclude<UsccValidation, { ok: true }>['reason'], string> = {
  empty: '为空',
  length: '长度不是18位',
  charset: '含有不允许的字符（不含I、O、Z、S、V）',
  registration_authority: '第1位登记管理部门代码无效',
  division_code: '第3–8位行政区划码应为6位数字',
  organization_code_charset: '第9–16位组织机构代码本体含无效字符',
  organization_code_check_digit: '第17位组织机构代码校验码错误',
  check_digit: '第18位校验码错误',
};

/** Why a USCC is invalid, in the validator's terms (with the expected character where it knows it). */
export function usccProblemMessage(validation: Exclude<UsccValidation, { ok: true }>): string {
  const expected = validation.expected === undefined ? '' : `，应为${validation.expected}`;
  return `统一社会信用代码${USCC_REASONS[validation.reason]}${expected}`;
}

const DATE_PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

/** A written date as `YYYY-MM-DD`, or null when it is not a real date in one of the accepted forms. */
export function normaliseDate(value: string): string | null {
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(value);
    if (!match) continue;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return null;
}

/** A written amount as a plain decimal without needless zeros, or null when it is not a non-negative number. */
export function normaliseAmount(value: string): string | null {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(value.replaceAll(',', ''));
  if (!match) return null;
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A resident identity-card number (GB 11643): 18 characters with a check character, or the 15-digit old form. */
export function isValidIdNumber(value: string): boolean {
  if (/^\d{15}$/.test(value)) return true;
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

/** Names compared as the register and the departments write them: full- and half-width forms alike, no spaces. */
export function comparableName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

function enumValue(field: IntakeField & { check: { type: 'enum' } }, written: string): string | null {
  const { values, aliases } = field.check;
  if (values.includes(written)) return written;
  return aliases?.[written] ?? null;
}

function isRequired(requirement: Requirement, fields: Record<string, string>): boolean {
  if (typeof requirement === 'boolean') return requirement;
  const value = fields[requirement.field];
  if (value === undefined) return false;
  return value.split(';').some((part) => requirement.in.includes(part));
}

const fieldProblem = (field: IntakeField, code: IntakeProblemCode, message: string): Problem => ({ field: field.header, code, message });

/** The field's value normalised, or the problem with it. */
function checkValue(field: IntakeField, value: string, fields: Record<string, string>, today: string): string | Problem {
  const { check } = field;
  switch (check.type) {
    case 'text':
      return value;
    case 'uscc': {
      const validation = validateUscc(value.toUpperCase());
      return validation.ok
        ? value.toUpperCase()
        : fieldProblem(field, 'uscc_invalid', `${field.header}：${usccProblemMessage(validation)}`);
    }
    case 'date': {
      const date = normaliseDate(value);
      if (!date) return fieldProblem(field, 'date_invalid', `${field.header}「${value}」不是有效日期（应为YYYY-MM-DD或YYYY/MM/DD）`);
      if (!check.future && date > today) return fieldProblem(field, 'date_in_future', `${field.header}${date}晚于今天（${today}）`);
      return date;
    }
    case 'amount': {
      const amount = normaliseAmount(value);
      return amount ?? fieldProblem(field, 'amount_invalid', `${field.header}「${value}」应为不小于0的数字，单位${check.unit}`);
    }
    case 'enum': {
      const parts = check.multiple
        ? value
            .split(/[;；]/)
            .map((part) => part.trim())
            .filter(Boolean)
        : [value];
      const values = parts.map((part) => enumValue(field as IntakeField & { check: { type: 'enum' } }, part));
      const unknown = parts.filter((_, i) => values[i] === null);
      if (unknown.length > 0 || parts.length === 0) {
        return fieldProblem(
          field,
          'enum_unknown',
          `${field.header}「${unknown.join(';') || value}」不在可选值中：${check.values.join('、')}`,
        );
      }
      return [...new Set(values)].join(';');
    }
    case 'district':
      return DISTRICT_CODES.has(value) ? value : fieldProblem(field, 'district_unknown', `${field.header}「${value}」不是烟台市的区划代码`);
    case 'idNumber': {
      const type = fields[check.typeField];
      const upper = value.toUpperCase();
      if ((type === undefined || type.includes('身份证')) && !isValidIdNumber(upper)) {
        return fieldProblem(field, 'id_number_invalid', `${field.header}不是有效的居民身份证号码`);
      }
      return upper;
    }
    case 'number': {
      const number = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
      if (!(number >= check.min && number <= check.max)) {
        return fieldProblem(field, 'value_invalid', `${field.header}「${value}」应为${check.min}到${check.max}之间的数字`);
      }
      return String(number);
    }
  }
}

/** Checks one written record of a kind (everything but the register, see registerProblem). */
export function checkRecord(kind: IntakeKind, raw: RawRecord, today: string): CheckedRecord {
  const template = INTAKE_TEMPLATES[kind];
  const fields: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const field of template.fields) {
    const value = restoreCsvCell((raw[field.name] ?? '').trim());
    if (hasControlCharacters(value)) {
      problems.push({ field: field.header, code: 'control_characters', message: `${field.header}含有控制字符` });
      continue;
    }
    if (value === '') {
      if (isRequired(field.required, fields)) {
        problems.push({ field: field.header, code: 'required_missing', message: `${field.header}为必填项` });
      }
      continue;
    }
    if (value.length > field.maxLength) {
      problems.push({ field: field.header, code: 'too_long', message: `${field.header}超过${field.maxLength}个字符` });
      continue;
    }
    const checked = checkValue(field, value, fields, today);
    if (typeof checked === 'string') fields[field.name] = checked;
    else problems.push(checked);
  }
  for (const [earlier, later] of template.dateOrder) {
    const [from, to] = [fields[earlier], fields[later]];
    if (from !== undefined && to !== undefined && from > to) {
      const [a, b] = [headerOf(template, earlier), headerOf(template, later)];
      problems.push({ field: b, code: 'date_order', message: `${b}（${to}）早于${a}（${from}）` });
    }
  }
  const keyValues = template.key.map((name) => fields[name]);
  const key = keyValues.every((value) => value !== undefined) ? keyValues.join(KEY_SEPARATOR) : null;
  const enterpriseUscc = template.enterprise ? (fields[template.enterprise.uscc] ?? null) : (fields.uscc ?? null);
  return { fields, problems, key, enterpriseUscc };
}

function headerOf(template: IntakeTemplate, name: string): string {
  return template.fields.find((field) => field.name === name)!.header;
}

/**
 * The register's verdict on a record that names an enterprise (`uscc`, valid, and the `name` it gives): its USCC must
 * be registered (`registeredName` undefined: it is not) under that name. None for a registration, or a record without
 * a USCC.
 */
export function registerProblem(
  kind: IntakeKind,
  uscc: string | null,
  name: string | undefined,
  registeredName: string | undefined,
): Problem | null {
  const { enterprise } = INTAKE_TEMPLATES[kind];
  if (!enterprise || uscc === null) return null;
  const field = headerOf(INTAKE_TEMPLATES[kind], enterprise.uscc);
  if (registeredName === undefined) {
    return { field, code: 'uscc_not_registered', message: `统一社会信用代码${uscc}不在市场主体登记库中` };
  }
  if (name !== undefined && comparableName(name) !== comparableName(registeredName)) {
    return {
      field,
      code: 'uscc_name_mismatch',
      message: `统一社会信用代码${uscc}登记的名称为「${registeredName}」，与「${name}」不一致`,
    };
  }
  return null;
}

/** A penalty whose fine is more than DISPUTED_FINE_YUAN: disputed data until two reviewers approve it. */
export function isDisputed(kind: IntakeKind, fields: Record<string, string>): boolean {
  return kind === 'penalties' && fineYuan(fields) > DISPUTED_FINE_YUAN;
}

/** A penalty's fine in yuan (the template writes 万元). */
export function fineYuan(fields: Record<string, string>): number {
  return Math.round(Number(fields.fineAmount ?? '0') * 10_000 * 100) / 100;
}

export type Column = { name: string } | { extra: 'problems' | 'returnId' };

/** The columns of a file's header row: each header a field of the kind (Chinese or English), or a returns-file extra. */
export function resolveColumns(kind: IntakeKind, headers: readonly string[]): { columns: (Column | null)[]; unknown: string[] } {
  const byHeader = new Map<string, Column>();
  for (const field of INTAKE_TEMPLATES[kind].fields) {
    byHeader.set(comparableHeader(field.header), { name: field.name });
    byHeader.set(comparableHeader(field.name), { name: field.name });
  }
  for (const [extra, column] of [
    ['problems', PROBLEMS_COLUMN],
    ['returnId', RETURN_ID_COLUMN],
  ] as const) {
    byHeader.set(comparableHeader(column.header), { extra });
    byHeader.set(comparableHeader(column.name), { extra });
  }
  const columns = headers.map((header) => (header.trim() === '' ? null : (byHeader.get(comparableHeader(header)) ?? null)));
  const unknown = headers.filter((header, i) => header.trim() !== '' && columns[i] === null);
  return { columns, unknown };
}

function comparableHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase();
}
