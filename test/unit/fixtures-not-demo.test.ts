import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Reads of the repository's demo folder: copying it, building it, reading a file under it. */
const READS_DEMO =
  /\b(cpSync|buildSite|readContentTree|checkTree|readFileSync|readdirSync|existsSync)\(\s*['"]content(\/[^'"]*)?['"]/;

const testFiles = readdirSync('test', { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
  .map((e) => join(e.parentPath, e.name));

describe('the test suite', () => {
  test.each(testFiles.filter((f) => !/demo/.test(f)))(
    '%s uses its own fixtures, not the demo content/ a site may replace',
    (file) => {
      expect(readFileSync(file, 'utf8')).not.toMatch(READS_DEMO);
    },
  );

  test('the demo is tested by a file named for it', () => {
    expect(testFiles.filter((f) => /demo/.test(f) && READS_DEMO.test(readFileSync(f, 'utf8')))).not.toEqual(
      [],
    );
  });
});
