import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/helpers/cleanup.ts'],
    testTimeout: 20_000,
    hookTimeout: 240_000,
    reporters: ['default', ['json', { outputFile: 'artifacts/test-results.json' }]],
  },
});
