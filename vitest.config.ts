import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/setup/longest-first.ts';

/**
 * Four tiers (docs/architecture.md, "Tests"): unit files build nothing and run in seconds; the command
 * line runs in-process and builds nothing; the site tier builds each fixture once per run (the shared
 * ones start in the global setup and build in the background while the cli tier runs); end-to-end
 * tests drive a browser and the packed package. The fuzz tier runs every property at length
 * (`npm run fuzz`); the unit tier runs the pipeline's properties short.
 */
const SHARED_BUILDS = ['test/setup/fixture-site.ts', 'test/setup/demo-build.ts'];

const tier = (
  name: string,
  include: string[],
  { globalSetup = [], isolate = true }: { globalSetup?: string[]; isolate?: boolean } = {},
) => ({
  extends: true as const,
  test: {
    name,
    include,
    isolate,
    globalSetup: ['test/setup/temp-root.ts', ...globalSetup],
    // A tier with shared builds waits for them before each file (they build in the background).
    setupFiles: [
      'test/helpers/cleanup.ts',
      ...(globalSetup.some((file) => SHARED_BUILDS.includes(file)) ? ['test/setup/wait-for-builds.ts'] : []),
    ],
  },
});

export default defineConfig({
  test: {
    // Much of the suite waits on other processes (builds, git, browsers): two files at a time keep a
    // 2-core machine busy, where Vitest's default (cores - 1) would run one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The long files first, so that none starts last while the other worker idles.
    sequence: { sequencer: LongestFirst },
    // Generous, for a shared and loaded 2-core machine; the few slower tests (builds, workflows, the
    // browser) set their own. A test that needs more than these is doing too much.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // `npm run fuzz` writes its own results file, so that CI can count both runs.
    reporters: [
      'default',
      ['json', { outputFile: process.env.TEST_RESULTS ?? 'artifacts/test-results.json' }],
    ],
    projects: [
      // Unit and command-line files share one module graph per worker: importing the loader and Zod
      // once rather than once per file makes these tiers several times faster. They keep no state
      // between files (the command line runs in-process and reads nothing from `process`).
      tier('unit', ['test/unit/**/*.test.ts'], { isolate: false }),
      // The workflow tests start the command line in a process per job: bundled once (cli-bundle.ts).
      tier('cli', ['test/cli/**/*.test.ts'], { isolate: false, globalSetup: ['test/setup/cli-bundle.ts'] }),
      tier('site', ['test/site/**/*.test.ts'], { globalSetup: SHARED_BUILDS }),
      tier('e2e', ['test/e2e/**/*.test.ts'], {
        globalSetup: ['test/setup/fixture-site.ts'],
      }),
      tier('fuzz', ['test/fuzz/**/*.test.ts']),
    ],
  },
});
