import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serve, type StaticServer } from '../helpers/serve.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

// A published site on 127.0.0.1 whose status.json says when it was built.
let server: StaticServer;
const site = tempDir('stale');
const empty = tempDir('unpublished');

function publishedAt(ms: number) {
  mkdirSync(join(site, 'api/v2'), { recursive: true });
  writeFileSync(
    join(site, 'api/v2/status.json'),
    JSON.stringify({
      page: { id: 'x', name: 'X', url: 'https://x.example', updated_at: new Date(ms).toISOString() },
    }),
  );
}

const stale = (...args: string[]) => runCli(['stale', ...args]);

beforeAll(async () => {
  server = await serve({ '/live/': site, '/new/': empty });
});
afterAll(() => server.close());

describe('statusmark stale', () => {
  test('passes while the published build is recent', async () => {
    publishedAt(Date.now() - 10 * 60_000);
    const result = await stale('--url', `${server.url}/live/`, '--max-age', '1h');
    expect(result.code, result.all).toBe(0);
    expect(result.all).toMatch(/The published site was built 10 minutes ago .*, within the 1 hour allowed\./);
  });

  test('fails loudly when scheduled rebuilds stopped', async () => {
    publishedAt(Date.now() - 3 * 3_600_000);
    const result = await stale('--url', `${server.url}/live/`, '--max-age', '1h');
    expect(result.code).toBe(1);
    expect(result.all).toContain('The published site was built 3 hours ago');
    expect(result.all).toContain(
      'more than the 1 hour allowed: its scheduled rebuilds stopped or were delayed',
    );
  });

  test('a site not published yet is not stale', async () => {
    const result = await stale('--url', `${server.url}/new/`);
    expect(result.code, result.all).toBe(0);
    expect(result.all).toContain('does not exist yet: nothing has been published');
  });
});
