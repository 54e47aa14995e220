import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { serve, type StaticServer } from '../helpers/serve.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PAGES = [
  ['home', '/'],
  ['incident', '/incidents/2026-06-24-payments-api-outage/'],
  ['ongoing-incident', '/incidents/2026-11-22-elevated-api-errors/'],
  ['history', '/history/'],
  ['component', '/components/api/'],
  ['postmortem', '/postmortems/2026-10-14-checkout-payments-failing/'],
  ['follow-ups', '/postmortems/follow-ups/'],
  ['report', '/reports/2026-10/'],
  ['reports', '/reports/'],
  ['subscribe', '/subscribe/'],
] as const;

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

async function withContext<T>(
  options: Parameters<Browser['newContext']>[0],
  run: (context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

describe.each(PAGES)('the %s page', (_name, path) => {
  test('has no axe-core violations of WCAG 2.2 A/AA rules, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      // The page's CSP forbids scripts, so axe is injected with CSP bypassed (the page itself is unchanged).
      const violations = await withContext({ colorScheme, bypassCSP: true }, async (context) => {
        const page = await context.newPage();
        await page.goto(server.url + path);
        await page.addScriptTag({ content: axeSource });
        return page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run: (
                  ctx: Document,
                  opts: object,
                ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
              };
            }
          ).axe;
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
          });
          return result.violations.map(
            (v) =>
              `${v.id}: ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(', ')}`,
          );
        });
      });
      expect(violations, colorScheme).toEqual([]);
    }
  });

  test('reads the same without JavaScript, breaks no CSP rule and loads nothing from elsewhere', async () => {
    const texts: string[] = [];
    for (const javaScriptEnabled of [true, false]) {
      await withContext({ javaScriptEnabled }, async (context) => {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
        page.on(
          'request',
          (r) =>
            !r.url().startsWith(server.url) &&
            !r.url().startsWith('data:') &&
            problems.push(`request to ${r.url()}`),
        );
        const response = await page.goto(server.url + path);
        expect(response?.status()).toBe(200);
        texts.push(await page.locator('main').innerText());
        expect(problems).toEqual([]);
      });
    }
    expect(texts[1]).toBe(texts[0]);
    expect(texts[0]!.length).toBeGreaterThan(100);
  });

  // Widths, overflow, broken words and screenshots: test/e2e/layout.test.ts.
});

describe('keyboard navigation on the home page', () => {
  test('Tab reaches every link and every collapsible group, in order, with a visible focus', async () => {
    await withContext({}, async (context) => {
      const page = await context.newPage();
      await page.goto(server.url);
      const expected = await page.evaluate(() => document.querySelectorAll('a[href], summary').length);
      const reached = new Set<string>();
      for (let i = 0; i < expected + 2; i++) {
        await page.keyboard.press('Tab');
        const id = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return '';
          const all = [...document.querySelectorAll('a[href], summary')];
          const outline = getComputedStyle(el).outlineStyle;
          return `${all.indexOf(el)}:${outline}`;
        });
        if (id) reached.add(id);
      }
      const indexes = [...reached].map((r) => Number(r.split(':')[0]));
      expect(new Set(indexes).size).toBe(expected);
      expect([...reached].every((r) => !r.endsWith(':none'))).toBe(true);
    });
  });

  test('a collapsed group opens with Enter, without JavaScript', async () => {
    await withContext({ javaScriptEnabled: false }, async (context) => {
      const page = await context.newPage();
      await page.goto(server.url);
      const isOpen = () =>
        page
          .locator('details.group')
          .first()
          .evaluate((d) => (d as HTMLDetailsElement).open);
      await page.locator('details.group summary').first().focus();
      await page.keyboard.press('Enter');
      expect(await isOpen()).toBe(false);
      await page.keyboard.press('Enter');
      expect(await isOpen()).toBe(true);
    });
  });
});
