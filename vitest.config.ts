import { globSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/*
 * Made to finish on a busy 2-core machine (see docs/benchmarks.md, "Test suite wall time"):
 * - Every test and hook has a bound, so a stuck one fails with a timeout instead of stalling the run.
 * - Unit files share one module registry (`isolate: false`): re-importing vitest, the setup file and the
 *   library for each of ~70 files was three quarters of the unit project's CPU time. Files that replace modules
 *   or globals (vi.mock, vi.stubGlobal, …) still get a fresh registry each, in `unit-isolated`.
 * - The files that run the embedded OCR engine (tesseract.js WASM in worker threads) run one at a time, after
 *   the others (`maxWorkers: 1`), so they never compete with each other or with the rest for the cores.
 * Run a group with wildcards: `--project 'unit*'`, `--project 'integ*'`.
 */

const UNIT_FILES = 'test/unit/**/*.test.ts';
/** Unit files that mock modules or stub globals must not share a module registry with the others. */
const NEEDS_ISOLATION = /\bvi\.(mock|doMock|unmock|stubGlobal|stubEnv|useFakeTimers|resetModules)\(/;
const ISOLATED_UNIT_FILES = globSync(UNIT_FILES, { cwd: import.meta.dirname }).filter((file) =>
  NEEDS_ISOLATION.test(readFileSync(`${import.meta.dirname}/${file}`, 'utf8')),
);

/** Integration files that run tesseract.js: seconds of CPU per page, and a worker thread or two each. */
const OCR_INTEG_FILES = ['test/integ/ocr/**/*.integ.test.ts', 'test/integ/searchable-pdf/embeddedOcr.integ.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/helpers/setup.ts'],
    restoreMocks: true,
    // Bounded waits everywhere; projects raise them where the work is heavy.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: [UNIT_FILES], exclude: ISOLATED_UNIT_FILES, isolate: false },
      },
      { extends: true, test: { name: 'unit-isolated', include: ISOLATED_UNIT_FILES } },
      {
        extends: true,
        test: {
          name: 'integ',
          include: ['test/integ/**/*.integ.test.ts'],
          exclude: OCR_INTEG_FILES,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integ-ocr',
          include: OCR_INTEG_FILES,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/types/**/*.test-d.ts'],
            tsconfig: 'test/tsconfig.json',
          },
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      exclude: ['src/**/index.ts', 'src/cli/bin.ts'],
      reporter: ['text-summary'],
      // The gate: pure modules are near 100%; adapters and stand-ins are exercised through real SDK clients.
      thresholds: { lines: 95, statements: 93, functions: 95, branches: 85 },
    },
  },
});
