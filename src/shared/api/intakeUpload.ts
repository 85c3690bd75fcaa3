// A department's file on its way into an intake batch: a named exception of the bridges and the client, since the file
// (up to a million rows, hundreds of MB) streams from disk with progress instead of travelling as one JSON message.
// Here: what both hosts agree on before the bytes go: which files are read, the Content-Type a file is sent with, and
// the progress reported while it goes.
import { INTAKE_MEDIA_TYPES, type IntakeFormat } from '../intake/kinds';
import { ApiError } from './errors';
import type { IntakeBatch } from './intake';

/** File name endings the upload takes, by format (`.jsonl` is NDJSON by another name). */
const EXTENSIONS: Record<string, IntakeFormat> = { csv: 'csv', xlsx: 'xlsx', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson' };

/** What a file dialog offers: every ending the upload takes (`csv`, …; as an input's accept list, `.csv,…`). */
export const INTAKE_FILE_EXTENSIONS = Object.keys(EXTENSIONS);
export const INTAKE_FILE_ACCEPT = INTAKE_FILE_EXTENSIONS.map((ending) => `.${ending}`).join(',');

/** How much of the file's start the CSV encoding is judged on: the header row and a good many data rows. */
export const INTAKE_SNIFF_BYTES = 64 * 1024;

/** The format a file name says, or null for one the upload does not read (an old `.xls`, a `.txt`). */
export function intakeFormatOfFileName(fileName: string): IntakeFormat | null {
  const ending = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return (ending && EXTENSIONS[ending]) || null;
}

/**
 * The encoding of a CSV from its first bytes: UTF-8 when they carry its byte-order mark or decode as UTF-8 (a sequence
 * cut at the end of `head` is not held against it), GB18030 otherwise, which is what Chinese office software writes.
 * Chinese text in GB18030 is practically never valid UTF-8, and the template's header row is Chinese.
 */
export function csvCharsetOf(head: Uint8Array): 'utf-8' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The Content-Type the endpoint reads the file by; refused, before any byte goes, for a file the upload does not take. */
export function intakeContentType(fileName: string, head: Uint8Array): string {
  const format = intakeFormatOfFileName(fileName);
  if (!format) throw new ApiError('invalid_request', `${fileName} is not a CSV, XLSX, JSON or NDJSON file (by its name's ending)`);
  return format === 'csv' ? `${INTAKE_MEDIA_TYPES.csv}; charset=${csvCharsetOf(head)}` : INTAKE_MEDIA_TYPES[format];
}

/** A department's file as a host hands it to the client: its name, size, first bytes, and its bytes as a Blob or a stream. */
export interface IntakeSourceFile {
  fileName: string;
  size: number;
  /** The first INTAKE_SNIFF_BYTES (fewer for a smaller file): they tell a CSV's encoding. */
  head: Uint8Array;
  body: Blob | ReadableStream<Uint8Array>;
}

/** What an upload made: the name of the file the officer picked, and the batch the endpoint checked. */
export interface IntakeUploadResult {
  fileName: string;
  batch: IntakeBatch;
}

/** How far an upload is: bytes of the file sent so far, of its size. All sent, the endpoint is still checking the rows. */
export interface IntakeUploadProgress {
  fileName: string;
  sentBytes: number;
  totalBytes: number;
}

/**
 * Progress callbacks at most this often (and always the last one): a fast disk would otherwise send one IPC message
 * per 64 KiB chunk.
 */
export const PROGRESS_INTERVAL_MS = 100;

/** A reporter that passes on the first, then at most one per interval, and always the complete one. */
export function throttledProgress(
  report: (progress: IntakeUploadProgress) => void,
  now: () => number = Date.now,
  intervalMs = PROGRESS_INTERVAL_MS,
): (progress: IntakeUploadProgress) => void {
  let last = -Infinity;
  return (progress) => {
    const time = now();
    if (progress.sentBytes < progress.totalBytes && time - last < intervalMs) return;
    last = time;
    report(progress);
  };
}
