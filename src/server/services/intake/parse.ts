// Reads a department's file as a stream of rows: CSV (UTF-8 or GB18030), XLSX (first sheet, ExcelJS's streaming
// reader), a JSON array of objects or NDJSON. The header row (or each object's keys) names the columns; every refusal
// is a 4xx saying what is wrong with the file, raised before the caller has stored anything it keeps.
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { PassThrough, Readable, pipeline } from 'node:stream';
import ExcelJS from 'exceljs';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { INTAKE_MAX_BYTES } from '@shared/api/intake';
import { resolveColumns, type Column, type RawRecord } from '@shared/intake/check';
import type { IntakeCsvEncoding, IntakeFormat, IntakeKind } from '@shared/intake/kinds';
import { INTAKE_TEMPLATES } from '@shared/intake/templates';
import { DomainError } from '../../domain/errors';
import { CsvReader, CsvSyntaxError } from './csv';

export interface ParsedRow {
  /** 1-based data row (header not counted). */
  row: number;
  values: RawRecord;
  /** The return a returns file's row corrects (its `退回编号` column). */
  returnId: string | null;
}

/** A file the intake cannot read: 400 with the reason. */
export const unreadable = (message: string) => new DomainError('invalid', 'invalid_file', message);

const FORMAT_NAMES: Record<IntakeFormat, string> = { csv: 'CSV', xlsx: 'XLSX', json: 'JSON', ndjson: 'NDJSON' };

/** What the first bytes say a file is, whatever its declared media type. */
function sniff(head: Uint8Array): 'zip' | 'ole' | 'json' | 'text' {
  if (head[0] === 0x50 && head[1] === 0x4b) return 'zip';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole';
  const text = new TextDecoder()
    .decode(head.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('[') || text.startsWith('{') ? 'json' : 'text';
}

function checkDeclared(format: IntakeFormat, head: Uint8Array): void {
  const seen = sniff(head);
  const declared = FORMAT_NAMES[format];
  if (seen === 'ole') throw unreadable('the file is an old Excel workbook (.xls): save it as .xlsx or CSV and upload again');
  if (format === 'xlsx' && seen !== 'zip')
    throw unreadable(`the file was sent as XLSX but is not an XLSX workbook (it looks like ${seen === 'json' ? 'JSON' : 'text'})`);
  if (format !== 'xlsx' && seen === 'zip')
    throw unreadable(`the file was sent as ${declared} but is a ZIP archive (an XLSX workbook?): send it with XLSX's media type`);
  if (format === 'csv' && seen === 'json')
    throw unreadable('the file was sent as CSV but is JSON: send it as application/json or application/x-ndjson');
  if ((format === 'json' || format === 'ndjson') && seen !== 'json')
    throw unreadable(`the file was sent as ${declared} but does not start with a JSON object or array`);
}

/** The body's bytes, counted against INTAKE_MAX_BYTES and checked against the declared format on the first chunk. */
async function* checkedBytes(source: AsyncIterable<Uint8Array>, format: IntakeFormat): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    if (total === 0 && chunk.byteLength > 0) checkDeclared(format, chunk);
    total += chunk.byteLength;
    if (total > INTAKE_MAX_BYTES)
      throw new DomainError('too_large', 'payload_too_large', `the file is larger than ${INTAKE_MAX_BYTES} bytes`);
    yield chunk;
  }
  if (total === 0) throw unreadable('the file is empty');
}

/** Text in the declared encoding; bytes that are not valid in it are a refusal naming the encoding. */
async function* decodedText(bytes: AsyncIterable<Uint8Array>, encoding: IntakeCsvEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  let first = true;
  for await (const chunk of bytes) {
    if (first && encoding === 'gb18030' && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      throw unreadable('the file was sent as GB18030 but starts with a UTF-8 byte-order mark: send it as text/csv (UTF-8)');
    }
    first = false;
    yield decodeOrRefuse(decoder, chunk, encoding, true);
  }
  yield decodeOrRefuse(decoder, new Uint8Array(0), encoding, false);
}

function decodeOrRefuse(decoder: TextDecoder, chunk: Uint8Array, encoding: IntakeCsvEncoding, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    const hint = encoding === 'utf-8' ? ': save it as UTF-8, or send a GB18030 file with Content-Type text/csv; charset=gb18030' : '';
    throw unreadable(`the file is not valid ${encoding.toUpperCase()} text${hint}`);
  }
}

/** Maps header cells to columns, refusing unknown ones with the template's headers as a hint. */
class Columns {
  private readonly columns: (Column | null)[];

  constructor(
    readonly kind: IntakeKind,
    headers: readonly string[],
  ) {
    const { columns, unknown } = resolveColumns(kind, headers);
    if (unknown.length > 0) {
      const template = INTAKE_TEMPLATES[kind];
      const garbled = unknown.some((header) => /\uFFFD|[\u0080-\u00ff]{2}/.test(header));
      throw unreadable(
        `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((h) => `「${h}」`).join(', ')} for ${template.titleEn} (${template.title})` +
          (garbled ? ': the headers look garbled; is the encoding right (UTF-8, or charset=gb18030)?' : '') +
          `; the template's columns are ${template.fields.map((f) => f.header).join('、')}`,
      );
    }
    if (!columns.some((column) => column && 'name' in column)) throw unreadable("the first row names none of the template's columns");
    this.columns = columns;
  }

  row(row: number, cells: readonly unknown[]): ParsedRow | null {
    const values: Record<string, string> = {};
    let returnId: string | null = null;
    let any = false;
    this.columns.forEach((column, i) => {
      const text = cellText(cells[i]);
      if (text === '' || column === null) return;
      if ('name' in column) {
        values[column.name] = text;
        any = true;
      } else if (column.extra === 'returnId') returnId = text.trim();
    });
    return any ? { row, values, returnId } : null;
  }
}

/** A cell as text: dates as `YYYY-MM-DD`, numbers as written, rich text and formula results as their text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error) return cell.error;
  }
  throw unreadable(`a cell holds a value the intake cannot read: ${JSON.stringify(value).slice(0, 80)}`);
}

/** Rows a CSV yields at least at a time: they pass the generators between the reader and the checks as one, not row by row. */
const CSV_BATCH = 500;

/** The rows of a CSV (csv.ts), in batches of CSV_BATCH or more. */
async function* csvRows(bytes: AsyncIterable<Uint8Array>, encoding: IntakeCsvEncoding, kind: IntakeKind): AsyncGenerator<ParsedRow[]> {
  const reader = new CsvReader();
  let columns: Columns | null = null;
  let row = 0;
  let rows: ParsedRow[] = [];
  const take = (records: readonly string[][]) => {
    for (const cells of records) {
      if (!columns) columns = new Columns(kind, cells);
      else {
        const parsed = columns.row(++row, cells);
        if (parsed) rows.push(parsed);
      }
    }
  };
  try {
    for await (const text of decodedText(bytes, encoding)) {
      take(reader.push(text));
      if (rows.length >= CSV_BATCH) {
        yield rows;
        rows = [];
      }
    }
    take(reader.end());
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const where = error.record === 1 ? 'the header row' : `data row ${error.record - 1}`;
    throw unreadable(`the CSV cannot be read at line ${error.line} (${where}): ${error.reason}`);
  }
  if (rows.length > 0) yield rows;
  if (!columns) throw unreadable('the file has no header row');
}

/**
 * The bytes as a stream ExcelJS can read: it does not listen for its input's errors, so a refusal of the bytes (size,
 * declared format) ends the stream and is rethrown by the caller instead.
 */
function xlsxInput(bytes: AsyncIterable<Uint8Array>): { input: PassThrough; failure: () => unknown } {
  const input = new PassThrough();
  let failure: unknown = null;
  void (async () => {
    try {
      for await (const chunk of bytes) if (!input.write(chunk)) await once(input, 'drain');
    } catch (error) {
      failure = error;
    }
    input.end();
  })();
  return { input, failure: () => failure };
}

async function* xlsxRows(bytes: AsyncIterable<Uint8Array>, kind: IntakeKind): AsyncGenerator<ParsedRow[]> {
  const { input, failure } = xlsxInput(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  let columns: Columns | null = null;
  let row = 0;
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      if (sheets++ > 0) continue; // only the first sheet is data; the rest is read past to the end of the workbook
      for await (const sheetRow of worksheet as unknown as AsyncIterable<{ values: unknown[] }>) {
        // ExcelJS numbers cells from 1: values[0] is empty.
        const cells = (sheetRow.values ?? []).slice(1);
        if (!columns) {
          columns = new Columns(kind, cells.map(cellText));
          continue;
        }
        const parsed = columns.row(++row, cells);
        if (parsed) yield [parsed];
      }
    }
  } catch (error) {
    if (failure()) throw failure();
    if (error instanceof DomainError) throw error;
    throw unreadable(`the XLSX workbook cannot be read (truncated or damaged?): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (failure()) throw failure();
  if (sheets === 0) throw unreadable('the XLSX workbook has no worksheet (truncated or damaged?)');
  if (!columns) throw unreadable('the first worksheet has no header row');
}

/** Columns of a JSON object's keys, resolved once per distinct key list. */
function jsonRow(kind: IntakeKind, cache: Map<string, Columns>, row: number, value: unknown): ParsedRow | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unreadable(`record ${row} is not a JSON object`);
  const keys = Object.keys(value);
  const signature = keys.join('\u0000');
  let columns = cache.get(signature);
  if (!columns) {
    columns = new Columns(kind, keys);
    if (cache.size < 100) cache.set(signature, columns);
  }
  const cells = keys.map((key) => {
    const cell = (value as Record<string, unknown>)[key];
    if (cell !== null && typeof cell === 'object')
      throw unreadable(`record ${row}: 「${key}」 holds an object or array; give text, a number or null`);
    return cell;
  });
  return columns.row(row, cells);
}

async function* jsonRows(bytes: AsyncIterable<Uint8Array>, kind: IntakeKind): AsyncGenerator<ParsedRow[]> {
  const items = streamArray.withParserAsStream();
  pipeline(Readable.from(decodedText(bytes, 'utf-8')), items, () => {});
  const cache = new Map<string, Columns>();
  let row = 0;
  try {
    for await (const { value } of items as AsyncIterable<{ value: unknown }>) {
      const parsed = jsonRow(kind, cache, ++row, value);
      if (parsed) yield [parsed];
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unreadable(
      `the JSON cannot be read (a JSON array of objects is expected): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function* ndjsonRows(bytes: AsyncIterable<Uint8Array>, kind: IntakeKind): AsyncGenerator<ParsedRow[]> {
  const lines = createInterface({ input: Readable.from(decodedText(bytes, 'utf-8')), crlfDelay: Infinity });
  const cache = new Map<string, Columns>();
  let line = 0;
  let row = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw unreadable(`line ${line} is not JSON (NDJSON: one JSON object per line)`);
    }
    const parsed = jsonRow(kind, cache, ++row, value);
    if (parsed) yield [parsed];
  }
}

/** The rows of an uploaded file, streamed a few at a time; throws a 4xx DomainError for a file it cannot read. */
export async function* readIntakeFile(
  source: AsyncIterable<Uint8Array>,
  format: IntakeFormat,
  encoding: IntakeCsvEncoding,
  kind: IntakeKind,
): AsyncGenerator<ParsedRow[]> {
  const bytes = checkedBytes(source, format);
  const rows =
    format === 'csv'
      ? csvRows(bytes, encoding, kind)
      : format === 'xlsx'
        ? xlsxRows(bytes, kind)
        : format === 'json'
          ? jsonRows(bytes, kind)
          : ndjsonRows(bytes, kind);
  let any = false;
  for await (const batch of rows) {
    any = true;
    yield batch;
  }
  if (!any) throw unreadable('the file holds no records (only a header, or nothing)');
}
