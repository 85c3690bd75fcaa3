// Benchmark: instant credit check (无感核验) latency over 100,000 local profiles, measured in headless Chromium.
// Directory entries are computed in Node exactly as the app stores them (profileEntryOf), and folded in the page into the
// directory's columns, which the app's own search module searches. Prints a table and writes bench-results/instant-check.json. Usage: npm run bench:check [-- count]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { createEnterpriseFactory } from '../../src/server/demo/enterprise';
import { loadDistrictOutlines } from '../../src/server/demo/districts';
import { pinyin } from 'pinyin-pro';
import { directoryKeys, type ProfileEntry } from '@shared/domain/directory';
import { directoryChunkOf } from '../../src/renderer/src/data/directoryColumns';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../playwright.config';

const COUNT = Number(process.argv[2] ?? 100_000);
const QUERIES_PER_KIND = 300;
const { profileEntryOf } = directoryKeys(pinyin);
const TARGET_P95_MS = 50;

function rng(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % n;
  };
}

async function main() {
  let started = performance.now();
  const make = createEnterpriseFactory('bench', loadDistrictOutlines());
  const keys: ProfileEntry[] = [];
  for (let i = 0; i < COUNT; i++) keys.push(profileEntryOf(make(i), i));
  const chunk = directoryChunkOf(1, 0, keys, []);
  const keysMs = performance.now() - started;

  const pick = rng(42);
  const sample = () => keys[pick(keys.length)]!;
  const hanRun = (name: string) => {
    const han = [...name].filter((c) => /[\u4e00-\u9fff]/.test(c));
    const start = pick(Math.max(han.length - 3, 1));
    return han.slice(start, start + 2 + pick(2)).join('');
  };
  const queries = {
    uscc_prefix: Array.from({ length: QUERIES_PER_KIND }, () => sample().id.slice(0, 8 + pick(6))),
    name_fragment: Array.from({ length: QUERIES_PER_KIND }, () => hanRun(sample().name)),
    pinyin_initials: Array.from({ length: QUERIES_PER_KIND }, () =>
      sample()
        .initials.slice(0, 3 + pick(2))
        .toLowerCase(),
    ),
  };

  const bundle = await build({
    stdin: {
      contents: [
        "export { buildSearchIndex } from './src/renderer/src/features/instantCheck/searchIndex';",
        "export { DirectoryColumns } from './src/renderer/src/data/directoryColumns';",
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'InstantCheck',
    platform: 'browser',
    alias: { '@shared': './src/shared' },
  });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>instant-check bench</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    started = performance.now();
    const results = await page.evaluate(
      ({ chunk, queries }) => {
        const api = (
          globalThis as unknown as {
            InstantCheck: typeof import('../../src/renderer/src/features/instantCheck/searchIndex') &
              typeof import('../../src/renderer/src/data/directoryColumns');
          }
        ).InstantCheck;
        const directory = api.DirectoryColumns.empty();
        directory.apply(chunk);
        const t0 = performance.now();
        const index = api.buildSearchIndex(directory);
        const buildMs = performance.now() - t0;
        const timings: Record<string, { ms: number[]; hits: number }> = {};
        for (const [kind, list] of Object.entries(queries)) {
          for (const q of list.slice(0, 20)) index.search(q); // warm-up
          const ms: number[] = [];
          let hits = 0;
          for (const q of list) {
            const s = performance.now();
            const answer = index.search(q);
            ms.push(performance.now() - s);
            if (answer.kind === 'matches' && answer.matches.length > 0) hits++;
          }
          timings[kind] = { ms, hits };
        }
        return { buildMs, timings };
      },
      { chunk, queries },
    );
    const transferMs = performance.now() - started;

    const percentile = (values: number[], p: number) =>
      [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
    const rows = Object.entries(results.timings).map(([kind, { ms, hits }]) => ({
      kind,
      queries: ms.length,
      hits,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      max: Math.max(...ms),
      meetsTarget: percentile(ms, 95) <= TARGET_P95_MS,
    }));
    console.log(
      `\nInstant check over ${COUNT.toLocaleString('en')} profiles in Chromium (${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB)`,
    );
    console.log(
      `keys computed in Node: ${keysMs.toFixed(0)} ms; index build in page: ${results.buildMs.toFixed(0)} ms (transfer + build ${transferMs.toFixed(0)} ms)\n`,
    );
    console.table(
      rows.map((r) => ({
        query: r.kind,
        n: r.queries,
        'with hits': r.hits,
        'p50 ms': r.p50.toFixed(2),
        'p95 ms': r.p95.toFixed(2),
        'max ms': r.max.toFixed(2),
        [`p95 ≤ ${TARGET_P95_MS} ms`]: r.meetsTarget ? 'yes' : 'NO',
      })),
    );
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(
      'bench-results/instant-check.json',
      JSON.stringify(
        {
          date: new Date().toISOString(),
          profiles: COUNT,
          targetP95Ms: TARGET_P95_MS,
          keysMs,
          indexBuildMs: results.buildMs,
          results: rows,
          machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
        },
        null,
        2,
      ),
    );
    if (rows.some((r) => !r.meetsTarget)) process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

void main();
