// The intake's worker thread (started by thread.ts), one job at a time, each on a port of its own. A read job: the
// file's bytes come in pieces, are read (parse.ts) and checked (prepare.ts), and go back a chunk of prepared rows at a
// time, at most ROWS_AHEAD chunks ahead of the storing; a refusal goes back as the DomainError it is. A build job: each
// page of records that comes in goes back as its profiles (profile.ts, buildPage).
import { parentPort, type MessagePort } from 'node:worker_threads';
import { readIntakeFile } from './parse';
import { prepareRows } from './prepare';
import { buildPage, type PageRecords } from './profile';
import { toWire, type BuildJob, type FromBuilder, type FromReader, type ReadJob, type ToReader } from './thread';

/** Chunks of rows sent and not yet taken by the storing: enough to keep it fed, few enough to keep memory flat. */
const ROWS_AHEAD = 2;

async function read(job: ReadJob, port: MessagePort): Promise<void> {
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
      send({ type: 'rows', rows }, [rows.fields.bytes.buffer as ArrayBuffer]);
      sent++;
      while (sent - taken >= ROWS_AHEAD) await changed();
    }
    send({ type: 'done' });
  } catch (error) {
    send({ type: 'failed', error: toWire(error) });
  } finally {
    port.close();
  }
}

function build(port: MessagePort): void {
  port.on('message', (page: PageRecords) => {
    let message: FromBuilder;
    try {
      message = { type: 'built', page: buildPage(page) };
    } catch (error) {
      message = { type: 'failed', error: toWire(error) };
    }
    port.postMessage(message, message.type === 'built' ? [message.page.json.buffer as ArrayBuffer] : []);
  });
}

parentPort!.on('message', ({ job, port }: { job: ReadJob | BuildJob; port: MessagePort }) => {
  if (job.type === 'read') void read(job, port);
  else build(port);
});
