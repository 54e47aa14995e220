import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCliProcess } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { FIXTURES, FIXTURE_NOW } from '../helpers/tree.ts';

// Every other command-line test runs the commands in-process (test/helpers/cli.ts); these start
// bin/statusmark.mjs as a person's shell does, for what only a process shows: its output streams and
// its exit status.
describe('the statusmark program', () => {
  test('--help lists the commands on stdout and exits 0', async () => {
    const result = await runCliProcess(['--help']);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('statusmark check');
    expect(result.out).toContain('statusmark new incident');
  }, 60_000);

  test('a content mistake exits 1 with the report on stdout and no stack trace', async () => {
    const dir = tempDir('entry');
    cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
    cpSync(
      join(FIXTURES, 'invalid', 'incidents', 'status-typo.md'),
      join(dir, 'incidents', 'status-typo.md'),
    );
    const result = await runCliProcess(['check', '--content', dir], { STATUSMARK_NOW: FIXTURE_NOW });
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${dir}/incidents/status-typo.md:10  updates[0].status  must be one of`);
    expect(result.all).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 60_000);

  test('an unknown command exits 2 and names it on stderr', async () => {
    const result = await runCliProcess(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Unknown command "frobnicate"');
  }, 60_000);
});
