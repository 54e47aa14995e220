import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { serve, type StaticServer } from '../helpers/serve.ts';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serve({
    '/': inject('siteDist'),
    '/__widget/': join('node_modules', '@statuspage', 'status-widget', 'dist'),
    '/__test/': join('test', 'fixtures', 'widget'),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("Atlassian's @statuspage/status-widget", () => {
  test('reads summary.json from the built site and shows its status', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}/__test/`);
    const widget = page.locator('#widget');
    await expect
      .poll(
        async () => (await widget.evaluate((el) => el.shadowRoot?.textContent ?? '')).replace(/\s+/g, ' '),
        { timeout: 10_000 },
      )
      .toContain('Partial System Outage');
    expect(requests).toContain(`${server.url}/api/v2/summary.json`);
    expect(requests.every((url) => url.startsWith(server.url))).toBe(true);
    await page.close();
  });
});
