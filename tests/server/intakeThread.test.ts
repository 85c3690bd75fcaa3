// The intake's worker thread: a file read there gives the rows the event loop would have read, a refusal comes back as
// the same DomainError, and the bytes are not read further ahead than the storing takes the rows.
import { describe, expect, it } from 'vitest';
import { buildUscc } from '@shared/domain/uscc';
import { DomainError } from '../../src/server/domain/errors';
import { fieldsAt } from '../../src/server/services/intake/fieldsColumn';
import { readIntakeFile } from '../../src/server/services/intake/parse';
import { INGEST_CHUNK, prepareRows, type PreparedRows } from '../../src/server/services/intake/prepare';
import { readInWorker } from '../../src/server/services/intake/thread';
import { csvFile, penaltyRow } from '../support/intakeFiles';

const TODAY = '2026-07-01';
const USCC = buildUscc('9', '1', '370602', 'MA3C4D5E');
const job = { kind: 'penalties', format: 'csv', encoding: 'utf-8', today: TODAY } as const;

/** A file in pieces of `size` bytes, counting the pieces taken. */
function pieces(file: Buffer, size: number, taken = { count: 0 }): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (let at = 0; at < file.length; at += size) {
      taken.count++;
      yield file.subarray(at, at + size);
    }
  })();
}

async function all(rows: AsyncIterable<PreparedRows>): Promise<PreparedRows[]> {
  const chunks: PreparedRows[] = [];
  for await (const chunk of rows) chunks.push(chunk);
  return chunks;
}

const penalties = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    penaltyRow(USCC, '烟台测试有限公司', `烟市监罚〔2026〕${i + 1}号`, i % 7 === 3 ? { decidedOn: '2026-13-01' } : {}),
  );

describe('reading a file in the worker thread', () => {
  it('gives the rows, problems, keys and hashes that reading it on the event loop gives', async () => {
    const file = csvFile('penalties', penalties(INGEST_CHUNK + 10));
    const inWorker = await all(readInWorker(pieces(file, 1000), job));
    const here = await all(prepareRows('penalties', readIntakeFile(pieces(file, 1000), 'csv', 'utf-8', 'penalties'), TODAY));
    expect(inWorker.map((chunk) => chunk.row.length)).toEqual([INGEST_CHUNK, 10]);
    // The fields' bytes come as a Uint8Array (a Buffer here): compared as the texts they hold.
    const texts = (chunks: PreparedRows[]) =>
      chunks.map(({ fields, ...rest }) => ({ ...rest, fields: fields.ends.map((_, i) => fieldsAt(fields, i)) }));
    expect(texts(inWorker)).toEqual(texts(here));
    expect(inWorker[0]!.problems[3]).toEqual([expect.objectContaining({ code: 'date_invalid' })]);
  });

  it('refuses a file with the DomainError the reading raises, and reads the next file after it', async () => {
    const refusal = await all(readInWorker(pieces(Buffer.from('名称,颜色\n甲,红\n'), 100), job)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'invalid', code: 'invalid_file', message: expect.stringContaining('unknown columns') });
    const next = await all(readInWorker(pieces(csvFile('penalties', penalties(3)), 1000), job));
    expect(next[0]!.row).toEqual([1, 2, 3]);
  });

  it('reads no further ahead of the storing than a few pieces and chunks', async () => {
    const file = csvFile('penalties', penalties(INGEST_CHUNK * 8));
    const taken = { count: 0 };
    const rows = readInWorker(pieces(file, 16 * 1024, taken), job);
    const first = await rows.next();
    expect(first.done).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const total = Math.ceil(file.length / (16 * 1024));
    // The first chunk taken, two more waiting, the next being read: under half of the eight chunks' bytes.
    expect(taken.count).toBeLessThan(total / 2);
    const rest = await all({ [Symbol.asyncIterator]: () => rows });
    expect(rest.length).toBe(7);
    expect(taken.count).toBe(total);
  });
});
