import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Reads of the repository's demo folder: copying it, building it, reading a file under it. */
const READS_DEMO =
  /\b(cpSync|buildSite|buildSiteAsync|readContentTree|checkTree|readFileSync|readdirSync|existsSync)\(\s*['"]content(\/[^'"]*)?['"]/;
/** The run's build of the demo (test/setup/demo-build.ts). */
const USES_DEMO_BUILD = /inject\(\s*['"]demoDist['"]\s*\)/;

// Test files, and the helpers and set-ups they share (not the fixtures themselves).
const files = readdirSync('test', { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => join(e.parentPath, e.name))
  .filter((f) => !f.startsWith(join('test', 'fixtures')));

describe('the test suite', () => {
  test.each(files.filter((f) => !/demo/.test(f)))(
    '%s uses its own fixtures, not the demo content/ a site may replace',
    (file) => {
      const source = readFileSync(file, 'utf8');
      expect(source).not.toMatch(READS_DEMO);
      // The set-up that waits for every shared build (test/setup/wait-for-builds.ts) reads no page.
      if (file.endsWith('.test.ts')) expect(source).not.toMatch(USES_DEMO_BUILD);
    },
  );

  test('the demo is built and tested by files named for it', () => {
    const demo = files.filter((f) => /demo/.test(f)).map((f) => readFileSync(f, 'utf8'));
    expect(demo.some((source) => READS_DEMO.test(source))).toBe(true);
    expect(demo.some((source) => USES_DEMO_BUILD.test(source))).toBe(true);
  });
});
