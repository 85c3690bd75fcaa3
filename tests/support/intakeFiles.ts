// Files as departments send them to the intake: the national templates with their Chinese headers, as CSV (UTF-8 or
// GB18030, written with iconv-lite as Chinese office software writes it), XLSX (ExcelJS) or JSON.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { buildUscc } from '@shared/domain/uscc';
import type { IntakeKind } from '@shared/intake/kinds';
import { INTAKE_TEMPLATES } from '@shared/intake/templates';

/** A government body's valid USCC (registration authority 1). */
export const AUTHORITY_USCC = buildUscc('1', '1', '370600', '00441312');
export const AUTHORITY = '烟台市芝罘区市场监督管理局';

/** A penalty row by English field name; `overrides` change or (with '') empty fields. */
export function penaltyRow(
  uscc: string,
  name: string,
  decisionNumber: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    entityName: name,
    entityCategory: '法人及非法人组织',
    uscc,
    legalRepresentative: '张三',
    legalRepresentativeIdType: '身份证',
    legalRepresentativeIdNumber: '11010519491231002X',
    decisionNumber,
    violationType: '未按规定公示年度报告',
    violationFacts: '当事人未按规定公示年度报告，隐瞒真实情况。',
    legalBasis: '《企业信息公示暂行条例》第十八条',
    penaltyCategories: '罚款',
    penaltyContent: '罚款1万元',
    fineAmount: '1',
    decidedOn: '2026-06-01',
    validUntil: '2029-06-01',
    authority: AUTHORITY,
    authorityUscc: AUTHORITY_USCC,
    dataSource: AUTHORITY,
    dataSourceUscc: AUTHORITY_USCC,
    ...overrides,
  };
}

export function licenceRow(
  uscc: string,
  name: string,
  documentNumber: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    entityName: name,
    entityCategory: '法人及非法人组织',
    uscc,
    legalRepresentative: '张三',
    decisionDocumentName: '食品经营许可决定书',
    decisionDocumentNumber: documentNumber,
    licenceCategory: '普通',
    certificateName: '食品经营许可证',
    licenceNumber: `JY${documentNumber.length}`,
    licenceContent: '预包装食品销售',
    decidedOn: '2026-05-01',
    validFrom: '2026-05-01',
    validTo: '2099-12-31',
    authority: AUTHORITY,
    authorityUscc: AUTHORITY_USCC,
    dataSource: AUTHORITY,
    dataSourceUscc: AUTHORITY_USCC,
    licenceStatus: '有效',
    ...overrides,
  };
}

/** The template's header row (Chinese headers) and one line per row, as a spreadsheet program saves it. */
export function templateTable(kind: IntakeKind, rows: Record<string, string>[]): string[][] {
  const fields = INTAKE_TEMPLATES[kind].fields;
  return [fields.map((field) => field.header), ...rows.map((row) => fields.map((field) => row[field.name] ?? ''))];
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function csvText(table: string[][]): string {
  return `${table.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** CSV bytes in UTF-8 (with a BOM, as spreadsheet programs write it) or GB18030. */
export function csvFile(kind: IntakeKind, rows: Record<string, string>[], encoding: 'utf-8' | 'gb18030' = 'utf-8'): Buffer {
  const text = csvText(templateTable(kind, rows));
  return encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(`\uFEFF${text}`, 'utf8');
}

export async function xlsxFile(kind: IntakeKind, rows: Record<string, string>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(INTAKE_TEMPLATES[kind].title);
  const [header, ...body] = templateTable(kind, rows);
  sheet.addRow(header!);
  // Dates as real date cells and numbers as numbers, as a department's spreadsheet holds them.
  for (const cells of body) {
    sheet.addRow(
      cells.map((cell) =>
        /^\d{4}-\d{2}-\d{2}$/.test(cell)
          ? new Date(`${cell}T00:00:00Z`)
          : /^\d+(\.\d+)?$/.test(cell) && cell.length < 10
            ? Number(cell)
            : cell,
      ),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A JSON array of objects keyed by English field names. */
export function jsonFile(rows: Record<string, string>[]): Buffer {
  return Buffer.from(JSON.stringify(rows));
}

export function ndjsonFile(rows: Record<string, string>[]): Buffer {
  return Buffer.from(rows.map((row) => JSON.stringify(row)).join('\n'));
}
