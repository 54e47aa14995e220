import { defineConfig } from 'vitest/config';

/**
 * Four tiers (docs/architecture.md, "Tests"): unit files build nothing and run in seconds; the command
 * line runs in-process; the site tier builds each fixture once per run; end-to-end tests drive a browser,
 * the packed package and the workflows. `npm run fuzz` runs test/fuzz on its own.
 */
const tier = (name: string, include: string[], globalSetup: string[] = []) => ({
  extends: true as const,
  test: { name, include, globalSetup: ['test/setup/temp-root.ts', ...globalSetup] },
});

export default defineConfig({
  test: {
    setupFiles: ['test/helpers/cleanup.ts'],
    // Generous, for a shared 2-core machine: a test that needs more is doing too much.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // `npm run fuzz` writes its own results file, so that CI can count both runs.
    reporters: [
      'default',
      ['json', { outputFile: process.env.TEST_RESULTS ?? 'artifacts/test-results.json' }],
    ],
    projects: [
      tier('unit', ['test/unit/**/*.test.ts']),
      tier('cli', ['test/cli/**/*.test.ts']),
      tier('site', ['test/site/**/*.test.ts'], ['test/setup/demo-build.ts']),
      tier('e2e', ['test/e2e/**/*.test.ts'], ['test/setup/demo-build.ts']),
      tier('fuzz', ['test/fuzz/**/*.test.ts']),
    ],
  },
});
