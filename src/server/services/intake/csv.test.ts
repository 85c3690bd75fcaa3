// The intake's CSV reader reads what csv-parse reads (quotes, line endings, empty lines, errors), however the text is
// cut into chunks.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvError, CsvReader } from './csv';

function readInChunks(text: string, sizes: () => number): string[][] {
  const reader = new CsvReader();
  const records: string[][] = [];
  for (let at = 0; at < text.length;) {
    const size = sizes();
    records.push(...reader.read(text.slice(at, at + size)));
    at += size;
  }
  records.push(...reader.read('', true));
  return records;
}

const csvParse = (text: string) => parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

describe('CsvReader', () => {
  it('reads quoted values, doubled quotes, a byte-order mark and skips empty lines', () => {
    const text = '\uFEFF名称,"文号"\r\n"烟台,""甲""公司","a\r\nb"\r\n\r\n乙,\r\n';
    expect(readInChunks(text, () => 3)).toEqual([
      ['名称', '文号'],
      ['烟台,"甲"公司', 'a\r\nb'],
      ['乙', ''],
    ]);
  });

  it('refuses an unclosed quote, a quote inside a value and text after a closing quote', () => {
    for (const text of ['a,b\r\n"甲,1\r\n', 'a,b"c\n', '"a"b,c\n']) {
      expect(() => readInChunks(text, () => 4), text).toThrow(CsvError);
      expect(() => csvParse(text), text).toThrow();
    }
  });

  it('reads random text as csv-parse does, cut into chunks anywhere', () => {
    const next = random(11);
    const pieces = ['a', 'b', ',', '"', '""', '\n', '\r', '\r\n', '中', ' ', '\uFEFF'];
    for (let n = 0; n < 5_000; n++) {
      let text = '';
      for (let i = next(30); i > 0; i--) text += pieces[next(pieces.length)];
      let expected: string[][] | 'refused';
      try {
        expected = csvParse(text);
      } catch {
        expected = 'refused';
      }
      let read: string[][] | 'refused';
      try {
        read = readInChunks(text, () => 1 + next(5));
      } catch (error) {
        if (!(error instanceof CsvError)) throw error;
        read = 'refused';
      }
      expect(read, JSON.stringify(text)).toEqual(expected);
    }
  });
});
