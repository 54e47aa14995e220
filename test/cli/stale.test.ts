import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  test('a build time in the future fails, calling the clock or build stamp wrong, not "built less than a minute ago"', async () => {
    publishedAt(Date.parse('2099-01-01T00:00:00Z'));
    const result = await stale('--url', `${server.url}/live/`, '--max-age', '1h');
    expect(result.code).toBe(1);
    expect(result.all).toContain('says it was built at 2099-01-01T00:00:00.000Z');
    expect(result.all).toContain('in the future');
    expect(result.all).toContain('is wrong');
    expect(result.all).not.toContain('less than a minute ago');
    expect(result.all).not.toMatch(/\n\s+at /);
  });

  test('a build a minute ahead is two clocks that disagree a little, and passes', async () => {
    publishedAt(Date.now() + 60_000);
    const result = await stale('--url', `${server.url}/live/`, '--max-age', '1h');
    expect(result.code, result.all).toBe(0);
    expect(result.all).toContain('within the 1 hour allowed');
  });
});

describe('statusmark stale against a server that answers without end', () => {
  let endless: Server;
  beforeAll(async () => {
    // Streams JSON-looking bytes until the client hangs up: only a bounded read ever finishes.
    endless = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, ' ');
      const more = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', more);
      };
      response.write('{"page":');
      more();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    endless.closeAllConnections();
    endless.close();
  });

  test('stops reading and says the answer is not a status.json, with no stack trace', async () => {
    const { port } = endless.address() as AddressInfo;
    const result = await stale('--url', `http://127.0.0.1:${port}/`);
    expect(result.code).toBe(1);
    expect(result.all).toContain(
      `http://127.0.0.1:${port}/api/v2/status.json is longer than 100 KB, which a Statusmark site's status.json never is`,
    );
    expect(result.all).not.toMatch(/\n\s+at /);
  });
});
