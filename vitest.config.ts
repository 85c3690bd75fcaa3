import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    // A worker per core: by default vitest keeps a core for itself, which on two cores means one worker, while the main
    // process only waits for the workers' results.
    maxWorkers: availableParallelism(),
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          // Unit tests stand beside the code they test; tests/ holds the whole-system suites and the test doubles.
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'tests/support/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/server/support/globalSetup.ts'],
          // The files of a worker share one module graph: the endpoint and PGlite's WebAssembly are loaded once per worker,
          // not once per file. Each test still gets databases and endpoint instances of its own (support/drivers.ts).
          isolate: false,
        },
      },
    ],
  },
});
