// A chunk's fields as they go from where the rows are prepared (the worker thread, for an upload) to the COPY that
// stores them: one buffer of UTF-8 bytes already in COPY's text format, handed between threads without a copy. As
// strings, each row's fields were copied across, tested for COPY's special characters and encoded again.
import { copyText } from '../../db/copyText';
import { utf8Lines } from './utf8Lines';

/**
 * The fields' JSON texts of a chunk's rows, one after another, each in COPY's text format (copyText: as JSON writes no
 * raw tab or line break, only backslashes are doubled) and ended by a line feed.
 */
export interface FieldsColumn {
  bytes: Uint8Array;
  /** Where each row's text ends in `bytes`, its line feed included. */
  ends: number[];
}

/** The column of these JSON texts, in a buffer of its own (it is transferred to another thread). */
export function packFields(texts: readonly string[]): FieldsColumn {
  return utf8Lines(texts.map(copyText));
}

/** Row i's fields as JSON text. */
export function fieldsAt({ bytes, ends }: FieldsColumn, i: number): string {
  const start = i === 0 ? 0 : ends[i - 1]!;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, ends[i]! - 1 - start).toString('utf8');
  return text.includes('\\') ? text.replaceAll('\\\\', '\\') : text;
}

/** The column with some rows' texts replaced. */
export function replaceFields(column: FieldsColumn, replaced: ReadonlyMap<number, string>): FieldsColumn {
  return packFields(column.ends.map((_, i) => replaced.get(i) ?? fieldsAt(column, i)));
}
