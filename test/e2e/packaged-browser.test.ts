import { chromium } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { browserPath } from '../helpers/browser.ts';
import { serve } from '../helpers/serve.ts';

// A fresh machine has no system Chromium: the tests must still find a browser from `npm install` alone.
describe('the browser the tests use', () => {
  test('CHROMIUM_PATH wins over everything else', async () => {
    expect(await browserPath({ CHROMIUM_PATH: '/opt/my/chrome' })).toBe('/opt/my/chrome');
  });

  test('without a system browser, the packaged Chromium renders a built page', async () => {
    const path = await browserPath({ SYSTEM_BROWSERS: 'none' });
    expect(path).not.toMatch(/^\/usr\/bin\//);
    const browser = await chromium.launch({
      executablePath: path,
      args: ['--headless', '--no-sandbox', '--no-zygote'],
    });
    const server = await serve({ '/': inject('siteDist') });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/`);
      expect(await page.locator('h1').first().textContent()).toMatch(/outage|operational|maintenance/i);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});
