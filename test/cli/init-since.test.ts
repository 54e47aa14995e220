import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/cli/run.ts';
import { tempDir } from '../helpers/temp.ts';

describe('statusmark init claims no past', () => {
  test("every component's history starts on the day the site is made, in the site's zone", async () => {
    const dir = join(tempDir('init-since'), 'status');
    const said: string[] = [];
    const io = { stdout: (t: string) => said.push(t), stderr: (t: string) => said.push(t) };
    const argv = ['init', dir, '--name', 'Acme', '--url', 'https://status.acme.example'];
    argv.push('--components', 'api:Public API,web:Web app', '--time-zone', 'Pacific/Auckland', '--yes');
    // 12:00 UTC on December 6 is already December 7 in Auckland.
    const code = await run(argv, { ...process.env, STATUSMARK_NOW: '2026-12-06T12:00:00Z' }, io);
    expect(code, said.join('')).toBe(0);
    const components = parse(readFileSync(join(dir, 'content/components.yaml'), 'utf8')) as {
      since: string;
    }[];
    expect(components.map((c) => c.since)).toEqual(['2026-12-07', '2026-12-07']);
  });
});
