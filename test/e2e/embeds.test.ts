import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { headersFile } from '../../src/integration/headers.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { buildSiteAsync, readPage } from '../helpers/build.ts';
import { servePages, serveLikeHost } from '../helpers/headers-file.ts';
import type { StaticServer } from '../helpers/serve.ts';
import { tempDir } from '../helpers/temp.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Two builds served as Netlify or Cloudflare Pages would (their _headers applied), and a product's
// site on another origin of 127.0.0.1 that frames /embed/ and includes the banner script:
// - outage: the shared fixture build (a partial outage of the Payments API, an incident open);
// - calm: a small site in German and English with nothing wrong, `noindex` and one origin allowed
//   to frame /embed/ (test/fixtures/base, built here: the one all-clear build of the tier).
let outage: StaticServer;
let calm: StaticServer;
let product: StaticServer;
let browser: Browser;
let calmDist = '';
/** The outage site's headers file: the built one, or another a test puts in its place. */
let outageHeaders = '';

beforeAll(async () => {
  const content = tempDir('calm-content');
  cpSync('test/fixtures/base', content, { recursive: true });
  appendFileSync(
    join(content, 'site.yaml'),
    'locale: de\nlocales: [de, en]\nnoindex: true\nembed:\n  allow_origins: [https://app.fixture.example]\n',
  );
  const build = await buildSiteAsync(content, { STATUSMARK_NOW: '2026-11-23T12:00:00Z' });
  expect(build.status, build.output).toBe(0);
  calmDist = build.outDir;
  const dist = inject('siteDist');
  outageHeaders = readFileSync(join(dist, '_headers'), 'utf8');
  outage = await serveLikeHost(dist, () => outageHeaders);
  calm = await serveLikeHost(calmDist, () => readFileSync(join(calmDist, '_headers'), 'utf8'));
  const banner = (site: StaticServer, lang: string) =>
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Product</title>` +
    `<script src="${site.url}/embed/status-banner.js" async></script></head>` +
    '<body><header>Product</header><main><h1>Dashboard</h1></main></body></html>';
  product = await servePages({
    '/outage.html': banner(outage, 'en-GB'),
    '/calm.html': banner(calm, 'de-AT'),
    '/frames.html':
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frames</title></head><body>' +
      `<iframe name="embed" title="Status" src="${outage.url}/embed/"></iframe>` +
      `<iframe name="dark" title="Status" src="${outage.url}/embed/dark/"></iframe>` +
      `<iframe name="home" title="Home" src="${outage.url}/"></iframe></body></html>`,
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([outage?.close(), calm?.close(), product?.close()]);
});

async function framesOf(page: Page): Promise<Record<string, Frame>> {
  await page.goto(`${product.url}/frames.html`);
  await page.waitForLoadState('load');
  return Object.fromEntries(page.frames().map((frame) => [frame.name(), frame]));
}

describe('/embed/ in an iframe on another origin', () => {
  test('shows the status in words with the open incident; the home page refuses to be framed', async () => {
    const page = await browser.newPage();
    const frames = await framesOf(page);
    const embed = frames.embed!;
    expect((await embed.locator('.headline').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      '▲ Partial outage: Payments API',
    );
    expect(await embed.getByRole('link', { name: 'Elevated API error rates' }).getAttribute('href')).toBe(
      '/incidents/2026-11-22-elevated-api-errors/',
    );
    // X-Frame-Options: DENY everywhere else: the browser shows its error page in the frame.
    expect(frames.home!.url()).not.toBe(`${outage.url}/`);
    expect(await frames.home!.locator('h1').count()).toBe(0);
    await page.close();
  });

  test("follows the reader's light or dark setting, or keeps to one, with no script", async () => {
    const background = (frame: Frame) =>
      frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    for (const [colorScheme, colour] of [
      ['light', 'rgb(255, 255, 255)'],
      ['dark', 'rgb(13, 17, 23)'],
    ] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
      const { embed, dark } = await framesOf(page);
      expect(await background(embed!), colorScheme).toBe(colour);
      expect(await background(dark!), colorScheme).toBe('rgb(13, 17, 23)');
      expect(scripts).toEqual([]);
      await context.close();
    }
  });

  test('is framed only by the origins site.yaml lists, when it lists some', async () => {
    const built = outageHeaders;
    try {
      const site = (origins: string[]) =>
        headersFile('/', { languageDirs: [], frameOrigins: origins, noindex: false });
      outageHeaders = site(['https://app.example.com']);
      let page = await browser.newPage();
      expect(await (await framesOf(page)).embed!.locator('.headline').count()).toBe(0);
      await page.close();
      outageHeaders = site(['https://app.example.com', product.url]);
      page = await browser.newPage();
      expect(await (await framesOf(page)).embed!.locator('.headline').count()).toBe(1);
      await page.close();
    } finally {
      outageHeaders = built;
    }
  });

  test('has no axe-core violations, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme, bypassCSP: true });
      const page = await context.newPage();
      for (const path of ['/embed/', '/embed/dark/', '/embed/light/']) {
        await page.goto(`${outage.url}${path}`);
        expect(await axeViolations(page), `${path} ${colorScheme}`).toEqual([]);
      }
      await context.close();
    }
  });
});

/**
 * A page whose banner news is recorded: the script announces each read of summary.json with a
 * `statusmark:banner` event, kept here from the first (before the page's own scripts run).
 */
async function productPage(path: string): Promise<{ page: Page; news: () => Promise<Detail[]> }> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const kept: unknown[] = [];
    (window as unknown as { bannerNews: unknown[] }).bannerNews = kept;
    document.addEventListener('statusmark:banner', (e) => kept.push((e as CustomEvent).detail));
  });
  const page = await context.newPage();
  page.on('close', () => void context.close());
  await page.goto(`${product.url}${path}`);
  const news = () => page.evaluate(() => (window as unknown as { bannerNews: Detail[] }).bannerNews);
  return { page, news };
}

interface Detail {
  wrong: boolean;
  worst: string;
  shown: boolean;
}

describe('status-banner.js on a product page of another origin', () => {
  test('during an outage: the status in words, the incident, the status page and a dismiss button', async () => {
    const { page, news } = await productPage('/outage.html');
    const banner = page.getByRole('status', { name: 'Kestrel status' });
    await expect
      .poll(() => banner.textContent(), { timeout: 10_000 })
      .toContain('Partial outage: Payments API');
    expect(await banner.getAttribute('aria-live')).toBe('polite');
    // The site has English alone: a page in British English gets English.
    expect(await banner.getAttribute('lang')).toBe('en');
    expect(
      await banner
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => [a.textContent, (a as HTMLAnchorElement).href])),
    ).toEqual([
      ['Elevated API error rates', `${outage.url}/incidents/2026-11-22-elevated-api-errors/`],
      ['Reporting storage migration', `${outage.url}/maintenance/2026-11-23-reporting-storage-migration/`],
      ['View the status page', `${outage.url}/`],
    ]);
    // It sits first on the page, before the product's own header.
    expect(await page.locator('body > *').first().getAttribute('role')).toBe('status');
    expect(await axeViolations(page)).toEqual([]);

    // Dismissed, it stays dismissed on the next page load, while the same incident goes on.
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    expect((await banner.textContent())?.trim()).toBe('');
    await page.reload();
    await expect
      .poll(news, { timeout: 10_000 })
      .toEqual([{ wrong: true, worst: 'partial_outage', shown: false }]);
    expect((await banner.textContent())?.trim()).toBe('');
    await page.close();
  });

  test('a new incident brings a dismissed banner back', async () => {
    const { page } = await productPage('/outage.html');
    const banner = page.getByRole('status');
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('Payments API');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    // The next build of the site has one more open incident (summary.json as that build would write it).
    await page.route(`${outage.url}/api/v2/summary.json`, async (route) => {
      const summary = (await (await route.fetch()).json()) as { incidents: { id: string; name: string }[] };
      summary.incidents.push({
        ...summary.incidents[0]!,
        id: '2026-11-23-checkout-errors',
        name: 'Checkout errors',
      });
      await route.fulfill({ json: summary });
    });
    await page.reload();
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('Checkout errors');
    await page.close();
  });

  test('while all is well: nothing at all', async () => {
    const { page, news } = await productPage('/calm.html');
    await expect
      .poll(news, { timeout: 10_000 })
      .toEqual([{ wrong: false, worst: 'operational', shown: false }]);
    expect((await page.locator('[data-statusmark-banner]').textContent())?.trim()).toBe('');
    expect(await page.locator('[data-statusmark-banner]').boundingBox()).toMatchObject({ height: 0 });
    await page.close();
  });

  test("speaks the product page's language when the site has it", async () => {
    // The calm site as it would be with its API down: summary.json says so; the words are the build's.
    const page = await browser.newPage();
    await page.route(`${calm.url}/api/v2/summary.json`, async (route) => {
      const summary = (await (await route.fetch()).json()) as {
        components: { id: string; status: string }[];
      };
      for (const component of summary.components)
        if (component.id === 'api') component.status = 'major_outage';
      await route.fulfill({ json: summary });
    });
    await page.goto(`${product.url}/calm.html`);
    const banner = page.getByRole('status', { name: 'Fixture Co Status' });
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('Schwerer Ausfall: API');
    expect(await banner.getAttribute('lang')).toBe('de');
    expect(await banner.getByRole('button', { name: 'Schließen' }).count()).toBe(1);
    expect(await banner.getByRole('link', { name: 'Zur Statusseite' }).getAttribute('href')).toBe(
      `${calm.url}/`,
    );
    await page.close();
  });
});

describe('a site with noindex: true', () => {
  test('asks search engines to stay out: every page, robots.txt and the headers file', () => {
    for (const path of ['/', '/en/', '/incidents/2026-11-20-api-errors/', '/embed/'])
      expect(
        readPage(calmDist, path).querySelector('meta[name="robots"]')?.getAttribute('content'),
        path,
      ).toBe('noindex');
    expect(readFileSync(join(calmDist, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    const headers = readFileSync(join(calmDist, '_headers'), 'utf8');
    expect(headers).toMatch(/^\/\*\n(?: {2}.+\n)*? {2}X-Robots-Tag: noindex$/m);
    expect(headers).toContain(
      '/en/embed/*\n  Content-Security-Policy: frame-ancestors https://app.fixture.example\n',
    );
  });

  test('its previews say all is well, with the operational picture', () => {
    const home = readPage(calmDist, '/');
    expect(home.querySelector('meta[property="og:description"]')?.getAttribute('content')).toBe(
      'Alle Systeme betriebsbereit. A small content tree for tests.',
    );
    expect(home.querySelector('meta[property="og:image"]')?.getAttribute('content')).toBe(
      'https://status.fixture.example/preview/operational.png',
    );
  });
});

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string }[] }> };
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => v.id);
  });
}
