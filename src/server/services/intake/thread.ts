// The intake's worker threads (worker.ts), seen from the event loop: an upload's file is read and checked there while
// the event loop stores the chunks before and the database takes them, and a rebuild's profiles are built there while
// the database reads and writes the pages around them. The bytes are fed a few pieces ahead of the reading and the
// rows come back a few chunks ahead of the storing, so memory stays flat whatever the file's size. One idle worker is
// kept for the next job (starting one costs a few hundred milliseconds).
import { MessageChannel, Worker } from 'node:worker_threads';
import type { IntakeCsvEncoding, IntakeFormat, IntakeKind } from '@shared/intake/kinds';
import { DomainError, type DomainErrorKind } from '../../domain/errors';
import type { PreparedRows } from './prepare';
import type { BuiltPage, PageRecords } from './profile';

export interface ReadJob {
  type: 'read';
  kind: IntakeKind;
  format: IntakeFormat;
  encoding: IntakeCsvEncoding;
  /** Asia/Shanghai date against which dates may not be in the future. */
  today: string;
}

/** A rebuild's pages, sent one message each on the job's port and answered in order. */
export interface BuildJob {
  type: 'build';
}

/** An error as it crosses between threads: a DomainError keeps its kind, code and details. */
export interface WireError {
  message: string;
  domain?: { kind: DomainErrorKind; code: string; details?: string[] };
}

/** To the worker, on a read job's port: a piece of the file, its end, or that a chunk of rows was taken. */
export type ToReader = { type: 'bytes'; bytes: Uint8Array } | { type: 'end' } | { type: 'taken' };
/** From the worker, on a read job's port: a piece was read (send more), a chunk of rows, the end, or the refusal. */
export type FromReader = { type: 'more' } | { type: 'rows'; rows: PreparedRows } | { type: 'done' } | { type: 'failed'; error: WireError };
/** From the worker, on a build job's port: each page's profiles, or why it could not build them. */
export type FromBuilder = { type: 'built'; page: BuiltPage } | { type: 'failed'; error: WireError };

export function toWire(error: unknown): WireError {
  return error instanceof DomainError
    ? { message: error.message, domain: { kind: error.kind, code: error.code, details: error.details } }
    : { message: error instanceof Error ? error.message : String(error) };
}

const fromWire = ({ message, domain }: WireError) =>
  domain ? new DomainError(domain.kind, domain.code, message, domain.details) : new Error(message);

/** Pieces of the file sent and not yet read (an HTTP body comes in pieces of up to 64 KiB). */
const BYTES_AHEAD = 4;

/**
 * The worker's module. From the sources (tsx: `npm run server`, the tests) it is TypeScript, which the thread registers
 * tsx for before loading it; a bundle of the endpoint (the end-to-end tests build one with esbuild) carries it beside
 * itself as worker.mjs.
 */
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = JSON.stringify(new URL(FROM_SOURCES ? './worker.ts' : './worker.mjs', import.meta.url).href);
const WORKER_SOURCE = FROM_SOURCES
  ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${WORKER_URL}); });`
  : `import(${WORKER_URL});`;
/** The worker's young generation, larger than V8's default for it. */
const YOUNG_GENERATION_MB = 192;
const idle: Worker[] = [];

function startWorker(): Worker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    name: 'onevisit-intake',
    // A chunk's rows and a page's records and profiles (a few megabytes each) mostly die in the young generation
    // there instead of being copied into the old one: about a seventh less process CPU in the intake benchmark.
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  // A failure belongs to the job it happened in (its listener below); an idle worker's exit only takes it out of use.
  worker.on('error', () => {});
  worker.once('exit', () => {
    if (idle.includes(worker)) idle.splice(idle.indexOf(worker), 1);
  });
  return worker;
}

/** A worker and a port of its own for one job; `fail` hears of the worker's crash or exit meanwhile. */
function startJob(job: ReadJob | BuildJob, fail: (error: unknown) => void) {
  const worker = idle.pop() ?? startWorker();
  worker.ref();
  const { port1: port, port2 } = new MessageChannel();
  const exited = (code: number) => fail(new Error(`the intake's worker thread stopped (exit code ${code})`));
  worker.on('error', fail);
  worker.on('exit', exited);
  worker.postMessage({ job, port: port2 }, [port2]);
  return {
    port,
    /** Ends the job: a worker that finished it waits for the next one, one left halfway is stopped. */
    end(finished: boolean) {
      worker.off('error', fail);
      worker.off('exit', exited);
      port.close();
      if (finished && idle.length === 0) {
        worker.unref();
        idle.push(worker);
      } else void worker.terminate();
    },
  };
}

/** The file's rows read and checked in a worker thread; throws the worker's DomainError for a file it refuses. */
export async function* readInWorker(source: AsyncIterable<Uint8Array>, job: Omit<ReadJob, 'type'>): AsyncGenerator<PreparedRows> {
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
  const { port, end } = startJob({ type: 'read', ...job }, fail);
  const send = (message: ToReader, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  port.on('message', (message: FromReader) => {
    if (message.type === 'more') piecesAhead--;
    else if (message.type === 'rows') queue.push(message.rows);
    else if (message.type === 'done') done = true;
    else {
      done = true;
      failure ??= fromWire(message.error);
    }
    wake();
  });

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
    end(done);
  }
}

/** Builds pages of profiles in a worker thread, in the order they are given; close() once the last is built. */
export function pageBuilder(): { build(page: PageRecords): Promise<BuiltPage>; close(): void } {
  const pending: { resolve: (page: BuiltPage) => void; reject: (error: unknown) => void }[] = [];
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
    for (const { reject } of pending.splice(0)) reject(error);
  };
  const { port, end } = startJob({ type: 'build' }, fail);
  port.on('message', (message: FromBuilder) => {
    if (message.type === 'built') pending.shift()?.resolve(message.page);
    else fail(fromWire(message.error));
  });
  return {
    build(page) {
      if (failure !== null) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        pending.push({ resolve, reject });
        port.postMessage(page);
      });
    },
    close: () => end(failure === null && pending.length === 0),
  };
}
