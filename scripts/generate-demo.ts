// Streams the demo dataset as NDJSON lines {"collection": …, "data": …} for benchmarks.
// Usage: npx tsx scripts/generate-demo.ts --size 100000 --out demo.ndjson [--seed onevisit-demo] [--tasks 240]
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadDistrictOutlines } from '../src/server/demo/districts';
import { DEFAULT_DEMO_SEED, DEFAULT_TASK_COUNT, generateDemoData } from '../src/server/demo/generate';
import type { DemoDataset } from '../src/server/demo/types';

/** Lines are batched into chunks of about this many characters: one write per line would be slow at a million lines. */
const CHUNK_CHARS = 1 << 16;

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

function* ndjsonChunks(dataset: DemoDataset, counts: Map<string, number>): Generator<string> {
  const collections: [string, Iterable<unknown>][] = [
    ['units', dataset.units],
    ['departments', dataset.departments],
    ['officers', dataset.officers],
    ['checkItems', dataset.checkItems],
    ['plans', dataset.plans],
    ['enterprises', dataset.enterprises()],
    ['tasks', dataset.tasks],
    ['sections', dataset.sections],
  ];
  let chunk = '';
  for (const [collection, records] of collections) {
    let count = 0;
    for (const data of records) {
      chunk += `${JSON.stringify({ collection, data })}\n`;
      count++;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    counts.set(collection, count);
  }
  if (chunk) yield chunk;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: DEFAULT_DEMO_SEED },
      tasks: { type: 'string', default: String(DEFAULT_TASK_COUNT) },
    },
    strict: true,
  });
  if (!values.size || !values.out) {
    throw new Error('usage: npx tsx scripts/generate-demo.ts --size <enterprises> --out <file.ndjson> [--seed <seed>] [--tasks <count>]');
  }
  const started = performance.now();
  const dataset = generateDemoData(
    { seed: values.seed, enterpriseCount: positiveInteger('size', values.size), taskCount: positiveInteger('tasks', values.tasks) },
    loadDistrictOutlines(),
  );
  const counts = new Map<string, number>();
  // Readable.from pulls the next chunk only when the file stream wants more: backpressure keeps memory flat.
  await pipeline(Readable.from(ndjsonChunks(dataset, counts), { objectMode: false }), createWriteStream(values.out));
  const seconds = (performance.now() - started) / 1000;
  for (const [collection, count] of counts) console.log(`${collection.padEnd(12)} ${count}`);
  console.log(`wrote ${values.out} (seed "${values.seed}") in ${seconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
