import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { serve, type StaticServer } from '../helpers/serve.ts';

// The fixture's /subscribe/ form posts to Buttondown; the browser's requests to it are answered
// here, so that nothing leaves the machine and what the form sends is seen as Buttondown sees it.

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serve({ '/': inject('siteDist') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs `run` in a fresh page with JavaScript off, collecting the console errors it logs. */
async function onPageWithoutScript(run: (page: Page, problems: string[]) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await run(page, problems);
  } finally {
    await context.close();
  }
}

test('with JavaScript off, the sign-up form posts the address and the ticked boxes to Buttondown, which the policy allows', () =>
  onPageWithoutScript(async (page, problems) => {
    const posted: { method: string; url: string; body: string }[] = [];
    await page.route('https://buttondown.com/**', (route) => {
      const request = route.request();
      posted.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' });
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Check your inbox</p>' });
    });
    await page.goto(`${server.url}/subscribe/`);
    expect(posted).toEqual([]); // nothing goes to the provider before the reader submits
    await page.getByLabel('Email address').fill('reader@example.com');
    await page.getByLabel('Payments').check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL('https://buttondown.com/**');
    expect(await page.textContent('p')).toBe('Check your inbox');
    expect(posted.map((p) => [p.method, p.url])).toEqual([
      ['POST', 'https://buttondown.com/api/emails/embed-subscribe/kestrel'],
    ]);
    expect([...new URLSearchParams(posted[0]!.body)]).toEqual([
      ['email', 'reader@example.com'],
      ['tag', 'all'],
      ['tag', 'payments'],
      ['embed', '1'],
    ]);
    expect(problems).toEqual([]);
  }));

test("a form posting anywhere else is refused by the page's policy", () =>
  onPageWithoutScript(async (page, problems) => {
    let reached = false;
    await page.route('https://elsewhere.example/**', (route) => {
      reached = true;
      return route.fulfill({ status: 200, body: 'no' });
    });
    await page.goto(`${server.url}/subscribe/`);
    // As an injected form would: the same form, its target changed (JavaScript off in the page).
    await page.locator('form').evaluate((form) => form.setAttribute('action', 'https://elsewhere.example/'));
    await page.getByLabel('Email address').fill('reader@example.com');
    // Playwright would wait for a navigation that the policy never lets start.
    const press = page
      .getByLabel('Email address')
      .press('Enter', { timeout: 1000 })
      .catch(() => undefined);
    await page.waitForEvent('console', { predicate: (m) => m.text().includes('form-action'), timeout: 3000 });
    await press;
    expect(reached).toBe(false);
    expect(problems.join('\n')).toContain('form-action');
  }));
