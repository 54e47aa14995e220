import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serve, type StaticServer } from '../helpers/serve.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

// A published site on 127.0.0.1 whose status.json gives a build time ahead of this machine's clock.
let server: StaticServer;
const site = tempDir('stale-future');

function publishedAt(ms: number) {
  mkdirSync(join(site, 'api/v2'), { recursive: true });
  writeFileSync(
    join(site, 'api/v2/status.json'),
    JSON.stringify({
      page: { id: 'x', name: 'X', url: 'https://x.example', updated_at: new Date(ms).toISOString() },
    }),
  );
}

const stale = () => runCli(['stale', '--url', `${server.url}/live/`, '--max-age', '1h']);

beforeAll(async () => {
  server = await serve({ '/live/': site });
});
afterAll(() => server.close());

describe('statusmark stale, with a build time in the future', () => {
  test('fails, calling the clock or build stamp wrong, not "built less than a minute ago"', async () => {
    publishedAt(Date.parse('2099-01-01T00:00:00Z'));
    const result = await stale();
    expect(result.code).toBe(1);
    expect(result.all).toContain('says it was built at 2099-01-01T00:00:00.000Z');
    expect(result.all).toContain('in the future');
    expect(result.all).toContain('is wrong');
    expect(result.all).not.toContain('less than a minute ago');
    expect(result.all).not.toMatch(/\n\s+at /);
  });

  test('a minute ahead is two clocks that disagree a little, and passes', async () => {
    publishedAt(Date.now() + 60_000);
    const result = await stale();
    expect(result.code, result.all).toBe(0);
    expect(result.all).toContain('within the 1 hour allowed');
  });
});
