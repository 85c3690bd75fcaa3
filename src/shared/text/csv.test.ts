import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, defuseCsvCell, restoreCsvCell } from './csv';

describe('CSV cells', () => {
  it.each(['=1+1', '+86 535', '-2', '@SUM(A1)', '\tx', '\rx', "'=1"])('defuses %j with an apostrophe', (value) => {
    expect(defuseCsvCell(value)).toBe(`'${value}`);
  });

  it.each(['烟台市某某有限公司', "'quoted", 'a=b', '', '1-2'])('leaves %j as it is', (value) => {
    expect(defuseCsvCell(value)).toBe(value);
  });

  it('restores every value it defused, whatever its characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', '公') }), (value) => {
        expect(restoreCsvCell(defuseCsvCell(value))).toBe(value);
      }),
    );
  });

  it('quotes a defused cell holding a quote, a comma or a line break', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('writes a BOM, the header and CRLF rows, every cell defused', () => {
    expect(csvDocument(['名称', 'n'], [['-1', '=cmd|/C calc!A0']])).toBe(`\uFEFF名称,n\r\n'-1,'=cmd|/C calc!A0\r\n`);
  });
});
