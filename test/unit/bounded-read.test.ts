import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readBounded } from '../../src/cli/bounded-read.ts';
import { readTrackers } from '../../src/cli/follow-ups-github.ts';

// A server that streams bytes until the client hangs up: only a bounded read ever finishes.
let endless: Server;
let url: string;
beforeAll(async () => {
  endless = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(16 * 1024, ' ');
    const more = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', more);
    };
    response.write('{"state":');
    more();
  });
  await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}`;
});
afterAll(() => {
  endless.closeAllConnections();
  endless.close();
});

describe('reading an answer to a limit', () => {
  test('a short answer is read whole', async () => {
    expect(await readBounded(new Response('{"ok":true}'), 100)).toEqual({
      text: '{"ok":true}',
      truncated: false,
    });
  });

  test('an answer without end is cut at the limit, and says so', async () => {
    const read = await readBounded(await fetch(url), 50_000);
    expect(read.text).toHaveLength(50_000);
    expect(read.truncated).toBe(true);
  });

  test("follow-ups sync: an endless answer from GitHub is that issue's error, not a hang or a crash", async () => {
    const readings = await readTrackers([{ owner: 'o', repo: 'r', number: 1 }], {
      apiUrl: url,
      maxAnswerBytes: 50_000,
      requestTimeoutMs: 3000,
    });
    expect(readings.get('o/r#1')).toEqual({
      error: 'GitHub answered with more than 0.05 MB, more than an issue ever is; not read',
    });
  });
});
