import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, CsvSyntaxError } from './csv';

/** The records the reader gives for a text fed in pieces cut at these offsets, or its error. */
function read(text: string, cuts: number[] = []): string[][] | CsvSyntaxError {
  const reader = new CsvReader();
  const records: string[][] = [];
  let from = 0;
  try {
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      records.push(...reader.push(text.slice(from, Math.max(from, cut))));
      from = Math.max(from, cut);
    }
    records.push(...reader.push(text.slice(from)), ...reader.end());
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  return records;
}

/** What csv-parse gives with the options the intake used it with, or null for a text it refuses. */
function csvParse(text: string): string[][] | null {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch {
    return null;
  }
}

const unit = fc.constantFrom('a', '中', ' ', ',', '"', '\r', '\n', '\uFEFF');
const cuts = (text: string) => fc.array(fc.nat({ max: text.length }), { maxLength: 6 });

describe('the CSV reader', () => {
  it('reads any text as csv-parse does, in whatever pieces it comes, and refuses what csv-parse refuses', () => {
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 40 }).chain((text) => fc.tuple(fc.constant(text), cuts(text))),
        ([text, at]) => {
          const expected = csvParse(text);
          const got = read(text, at);
          if (expected === null) expect(got).toBeInstanceOf(CsvSyntaxError);
          else expect(got).toEqual(expected);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('gives back any table written as RFC 4180 says, with CRLF or LF, with or without a BOM', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ' ', ',', '"', '\r', '\n'), maxLength: 6 });
    const quoted = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
        fc.constantFrom('\r\n', '\n'),
        fc.boolean(),
        fc.boolean(),
        (table, ending, bom, last) => {
          // A row of one empty cell is an empty line, which readers skip.
          const rows = table.filter((row) => row.length > 1 || row[0] !== '');
          const text = `${bom ? '\uFEFF' : ''}${rows.map((row) => row.map(quoted).join(',')).join(ending)}${last ? ending : ''}`;
          expect(read(text, [1, 2, Math.floor(text.length / 2)])).toEqual(rows);
          expect(csvParse(text)).toEqual(rows);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('says on which line and record a text cannot be read', () => {
    expect(read('名称,代码\r\na,b\r\n"c\r\nd,e\r\n')).toMatchObject({
      line: 3,
      record: 3,
      reason: expect.stringContaining('not closed by the end of the file'),
    });
    expect(read('名称,代码\na,b\nc,d"e\n')).toMatchObject({
      line: 3,
      record: 3,
      reason: expect.stringContaining('quote inside an unquoted field'),
    });
    expect(read('名称,代码\n"a\nb",c\n"d"e,f\n')).toMatchObject({
      line: 4,
      record: 3,
      reason: expect.stringContaining('closing quote is followed by "e"'),
    });
    expect(read(`a\n"${'x'.repeat(1_000_001)}`, [1_000_002])).toMatchObject({
      record: 2,
      reason: expect.stringContaining('a quote not closed?'),
    });
  });
});
