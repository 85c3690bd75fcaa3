// The worker thread that reads uploaded files (started by readThread.ts): for each job, the file's bytes come in
// pieces on the job's port, are read (parse.ts) and checked (prepare.ts), and go back a chunk of prepared rows at a
// time, at most ROWS_AHEAD chunks ahead of the storing; a refusal goes back as the DomainError it is.
import { parentPort, type MessagePort } from 'node:worker_threads';
import { DomainError } from '../../domain/errors';
import { readIntakeFile } from './parse';
import { prepareRows } from './prepare';
import type { FromReader, ReadJob, ToReader } from './readThread';

/** Chunks of rows sent and not yet taken by the storing: enough to keep it fed, few enough to keep memory flat. */
const ROWS_AHEAD = 2;

async function run(job: ReadJob, port: MessagePort): Promise<void> {
  const pieces: Uint8Array[] = [];
  let ended = false;
  let sent = 0;
  let taken = 0;
  let waiters: (() => void)[] = [];
  const changed = () => new Promise<void>((resolve) => waiters.push(resolve));
  const send = (message: FromReader, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  port.on('message', (message: ToReader) => {
    if (message.type === 'bytes') pieces.push(message.bytes);
    else if (message.type === 'end') ended = true;
    else taken++;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  });
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const piece = pieces.shift();
      if (piece) {
        send({ type: 'more' });
        yield piece;
      } else if (ended) return;
      else await changed();
    }
  }
  try {
    for await (const rows of prepareRows(job.kind, readIntakeFile(bytes(), job.format, job.encoding, job.kind), job.today)) {
      send({ type: 'rows', rows });
      sent++;
      while (sent - taken >= ROWS_AHEAD) await changed();
    }
    send({ type: 'done' });
  } catch (error) {
    send({
      type: 'failed',
      error:
        error instanceof DomainError
          ? { message: error.message, domain: { kind: error.kind, code: error.code, details: error.details } }
          : { message: error instanceof Error ? error.message : String(error) },
    });
  } finally {
    port.close();
  }
}

parentPort!.on('message', ({ job, port }: { job: ReadJob; port: MessagePort }) => void run(job, port));
