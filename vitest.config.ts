import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/helpers/cleanup.ts'],
    testTimeout: 20_000,
    hookTimeout: 240_000,
    // `npm run fuzz` writes its own results file, so that CI can count both runs.
    reporters: [
      'default',
      ['json', { outputFile: process.env.TEST_RESULTS ?? 'artifacts/test-results.json' }],
    ],
  },
});
