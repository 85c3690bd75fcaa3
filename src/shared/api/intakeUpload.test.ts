import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { csvCharsetOf, intakeContentType, intakeFormatOfFileName, throttledProgress, type IntakeUploadProgress } from './intakeUpload';

const HEADER =
  '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）\n烟台市芝罘区海鲜酒楼有限公司,法人及非法人组织,91370602MA3C4XYZ0Q\n';

describe('the intake upload', () => {
  it('reads the format from the file name, whatever its case', () => {
    expect(intakeFormatOfFileName('行政处罚2026-12.CSV')).toBe('csv');
    expect(intakeFormatOfFileName('许可.xlsx')).toBe('xlsx');
    expect(intakeFormatOfFileName('list.json')).toBe('json');
    expect(intakeFormatOfFileName('events.ndjson')).toBe('ndjson');
    expect(intakeFormatOfFileName('events.jsonl')).toBe('ndjson');
    expect(intakeFormatOfFileName('老格式.xls')).toBeNull();
    expect(intakeFormatOfFileName('notes.txt')).toBeNull();
    expect(intakeFormatOfFileName('csv')).toBeNull();
  });

  it('tells UTF-8 from GB18030 by the first bytes of a CSV', () => {
    const utf8 = new TextEncoder().encode(HEADER);
    expect(csvCharsetOf(utf8)).toBe('utf-8');
    expect(csvCharsetOf(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('utf-8');
    expect(csvCharsetOf(new Uint8Array(iconv.encode(HEADER, 'gb18030')))).toBe('gb18030');
    // The sniffed head may end in the middle of a character: that is not held against UTF-8.
    expect(csvCharsetOf(utf8.subarray(0, 4))).toBe('utf-8');
    expect(csvCharsetOf(new TextEncoder().encode('name,uscc\n'))).toBe('utf-8');
  });

  it('names the Content-Type the endpoint reads, and refuses other files before sending', () => {
    expect(intakeContentType('行政处罚.csv', new Uint8Array(iconv.encode(HEADER, 'gb18030')))).toBe('text/csv; charset=gb18030');
    expect(intakeContentType('行政处罚.csv', new TextEncoder().encode(HEADER))).toBe('text/csv; charset=utf-8');
    expect(intakeContentType('许可.xlsx', new Uint8Array([0x50, 0x4b]))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(intakeContentType('a.ndjson', new Uint8Array())).toBe('application/x-ndjson');
    expect(() => intakeContentType('老格式.xls', new Uint8Array())).toThrow(ApiError);
    expect(() => intakeContentType('老格式.xls', new Uint8Array())).toThrow(/老格式\.xls is not a CSV, XLSX, JSON or NDJSON file/);
  });

  it('reports progress at most once an interval, and always the first and the complete one', () => {
    let now = 0;
    const seen: number[] = [];
    const report = throttledProgress(
      (p) => seen.push(p.sentBytes),
      () => now,
      100,
    );
    const at = (time: number, sentBytes: number) => {
      now = time;
      report({ fileName: 'x.csv', sentBytes, totalBytes: 1000 } satisfies IntakeUploadProgress);
    };
    at(0, 0);
    at(30, 100);
    at(99, 200);
    at(100, 300);
    at(150, 400);
    at(160, 1000);
    expect(seen).toEqual([0, 300, 1000]);
  });
});
