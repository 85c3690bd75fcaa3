// Reads an uploaded file in a worker thread (readWorker.ts): parsing and checking its rows there, the event loop stores
// the chunks before and the database takes them, all at once. The bytes are fed a few pieces ahead of the reading and
// the rows come back a few chunks ahead of the storing, so memory stays flat whatever the file's size. One idle
// worker is kept for the next upload (starting one costs a few hundred milliseconds).
import { Worker, MessageChannel } from 'node:worker_threads';
import type { IntakeCsvEncoding, IntakeFormat, IntakeKind } from '@shared/intake/kinds';
import { DomainError, type DomainErrorKind } from '../../domain/errors';
import type { PreparedRows } from './prepare';

export interface ReadJob {
  kind: IntakeKind;
  format: IntakeFormat;
  encoding: IntakeCsvEncoding;
  /** Asia/Shanghai date against which dates may not be in the future. */
  today: string;
}

/** To the worker, on a job's port: a piece of the file, its end, or that a chunk of rows was taken. */
export type ToReader = { type: 'bytes'; bytes: Uint8Array } | { type: 'end' } | { type: 'taken' };
/** From the worker: a piece was read (send more), a chunk of rows, the end, or the file's refusal. */
export type FromReader =
  | { type: 'more' }
  | { type: 'rows'; rows: PreparedRows }
  | { type: 'done' }
  | { type: 'failed'; error: { message: string; domain?: { kind: DomainErrorKind; code: string; details?: string[] } } };

/** Pieces of the file sent and not yet read (an HTTP body comes in pieces of up to 64 KiB). */
const BYTES_AHEAD = 4;

const WORKER_URL = new URL('./readWorker.ts', import.meta.url).href;
const idle: Worker[] = [];

function startWorker(): Worker {
  // The endpoint's TypeScript runs through tsx (`npm run server`, the tests): the thread registers it, then loads the
  // worker's module.
  const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); });`, {
    eval: true,
    name: 'onevisit-intake-read',
  });
  // A failure belongs to the job it happened in (its listener below); an idle worker's exit only takes it out of use.
  worker.on('error', () => {});
  worker.once('exit', () => {
    if (idle.includes(worker)) idle.splice(idle.indexOf(worker), 1);
  });
  return worker;
}

/** The file's rows read and checked in a worker thread; throws the worker's DomainError for a file it refuses. */
export async function* readInWorker(source: AsyncIterable<Uint8Array>, job: ReadJob): AsyncGenerator<PreparedRows> {
  const worker = idle.pop() ?? startWorker();
  worker.ref();
  const { port1: port, port2 } = new MessageChannel();
  const queue: PreparedRows[] = [];
  /** The worker has finished the job: read the file to its end, or refused it. */
  let done = false;
  let stopped = false;
  let failure: unknown = null;
  let piecesAhead = 0;
  let waiters: (() => void)[] = [];
  const changed = () => new Promise<void>((resolve) => waiters.push(resolve));
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  const fail = (error: unknown) => {
    failure ??= error;
    wake();
  };
  const send = (message: ToReader, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  port.on('message', (message: FromReader) => {
    if (message.type === 'more') piecesAhead--;
    else if (message.type === 'rows') queue.push(message.rows);
    else if (message.type === 'done') done = true;
    else {
      const { message: text, domain } = message.error;
      done = true;
      failure ??= domain ? new DomainError(domain.kind, domain.code, text, domain.details) : new Error(text);
    }
    wake();
  });
  const exited = (code: number) => fail(new Error(`the intake's reading thread stopped (exit code ${code})`));
  worker.on('error', fail);
  worker.on('exit', exited);
  worker.postMessage({ job, port: port2 }, [port2]);

  void (async () => {
    for await (const chunk of source) {
      if (stopped || failure !== null) return;
      // A copy of the piece's own bytes (a Buffer may view a larger shared one), handed over without another copy.
      const bytes = new Uint8Array(chunk);
      send({ type: 'bytes', bytes }, [bytes.buffer as ArrayBuffer]);
      piecesAhead++;
      while (piecesAhead >= BYTES_AHEAD) {
        if (stopped || failure !== null) return; // leaves the body unread, as a refusal by the reading itself does
        await changed();
      }
    }
    if (!stopped) send({ type: 'end' });
  })().catch(fail);

  try {
    for (;;) {
      const rows = queue.shift();
      if (rows) {
        send({ type: 'taken' });
        yield rows;
      } else if (failure !== null) throw failure;
      else if (done) break;
      else await changed();
    }
  } finally {
    stopped = true;
    wake();
    worker.off('error', fail);
    worker.off('exit', exited);
    port.close();
    // A worker left halfway through a file is stopped; one that finished it (or refused it) waits for the next upload.
    if (done && idle.length === 0) {
      worker.unref();
      idle.push(worker);
    } else void worker.terminate();
  }
}
