import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { serve, type StaticServer } from '../helpers/serve.ts';
import { tempDir } from '../helpers/temp.ts';

/**
 * Kept by CI as artifacts: every page type at every width in light, and on a phone and a desktop in
 * dark (the dark scheme changes colours only). JPEG: a full-page PNG takes several times as long.
 * SCREENSHOTS=none (.ci/run, which keeps no artifacts) measures the same pages without them: the
 * screenshots are three quarters of this file's time and assert nothing.
 */
const SCREENSHOTS = 'artifacts/screenshots';
const TAKE_SCREENSHOTS = process.env.SCREENSHOTS !== 'none';
const WIDTHS = [320, 390, 768, 1280];
const SCHEMES = ['light', 'dark'] as const;
const DARK_SCREENSHOT_WIDTHS = [390, 1280];

/** Every page type of the demo fixture. */
const PAGES = {
  home: '/',
  incident: '/incidents/2026-06-24-payments-api-outage/',
  'ongoing-incident': '/incidents/2026-11-22-elevated-api-errors/',
  history: '/history/',
  component: '/components/api/',
  'component-history': '/components/api/history/',
  maintenance: '/maintenance/2026-11-28-payout-partner-maintenance/',
  'maintenance-list': '/maintenance/',
  postmortem: '/postmortems/2026-10-14-checkout-payments-failing/',
  postmortems: '/postmortems/',
  'follow-ups': '/postmortems/follow-ups/',
  report: '/reports/2026-10/',
  reports: '/reports/',
  methodology: '/reports/methodology/',
  subscribe: '/subscribe/',
  'not-found': '/404.html',
};

const FILLER =
  'across every region for enterprise customers with dedicated capacity while traffic is rerouted to the standby cluster';

/**
 * The demo fixture made long: 40-character component names, 120-character titles, and components
 * that began 24 months before the clock, so that the reports index and the history run that far.
 */
function longContent(): string {
  const root = tempDir('long');
  cpSync('test/fixtures/site', root, { recursive: true });
  const components = parse(readFileSync(join(root, 'components.yaml'), 'utf8')) as Record<string, unknown>[];
  for (const component of components) {
    component.name = `${component.name as string} ${FILLER}`.slice(0, 40).trim();
    component.since = '2024-12-01';
  }
  writeFileSync(join(root, 'components.yaml'), stringify(components));
  // A weekly series: its page lists next and past occurrences, a moved and a cancelled one.
  cpSync(
    'test/fixtures/recurring/2026-10-06-weekly-docs-search-reindex.md',
    join(root, 'maintenance', '2026-10-06-weekly-docs-search-reindex.md'),
  );
  for (const folder of ['incidents', 'maintenance']) {
    for (const name of readdirSync(join(root, folder)).filter((n) => n.endsWith('.md'))) {
      const path = join(root, folder, name);
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace(
          /^title: "?(.*?)"?$/m,
          (_, title: string) => `title: "${`${title} ${FILLER}`.slice(0, 120).trim()}"`,
        ),
      );
    }
  }
  // Owners written as handles, which must never break at their hyphen.
  for (const name of readdirSync(join(root, 'postmortems'))) {
    const path = join(root, 'postmortems', name);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replaceAll('owner: Payments team', "owner: '@gateway-team'"),
    );
  }
  // Incidents in the older months, so those reports have something to say.
  const source = readFileSync(join(root, 'incidents', '2026-03-04-slow-dashboard-page-loads.md'), 'utf8');
  for (const month of ['2024-12', '2025-03', '2025-07', '2025-11']) {
    writeFileSync(
      join(root, 'incidents', `${month}-04-slow-dashboard-page-loads.md`),
      source.replaceAll('2026-03-04', `${month}-04`),
    );
  }
  return root;
}

/**
 * What a reader would notice, measured in the page: a word (a table cell's text, a time, a
 * percentage, a duration) drawn on two lines; anything wider than the screen that is not inside a
 * box that scrolls; an SVG label drawn smaller than 11 px.
 */
function layoutProblems(): string[] {
  const problems: string[] = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width)
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width} px)`);

  const scrolls = (el: Element | null): boolean => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const overflow = getComputedStyle(e).overflowX;
      if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden' || overflow === 'clip')
        return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('body *')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || el.closest('.visually-hidden, .skip-link')) continue;
    if ((rect.right > width + 1 || rect.left < -1) && !scrolls(el.parentElement))
      problems.push(
        `<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 40)}" overflows the screen`,
      );
  }

  // Words that must never break: everything in a table cell or a <time>, and figures anywhere.
  const FIGURE = /^\(?[+-]?\d[\d.,]*(%|\u00a0\S+|[hdm](\u00a0\d+[hm])?)?\)?[.,;:]?$|^\d{4}-\d{2}(-\d{2})?$/;
  const walker = document.createTreeWalker(
    document.querySelector('main') ?? document.body,
    NodeFilter.SHOW_TEXT,
  );
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.visually-hidden, svg')) continue;
    const strict = parent.closest('td, th, time') !== null;
    const text = node.textContent ?? '';
    // A compound such as "issuer-specific" may break at its hyphen, as any text does; "2026-03" may not.
    for (const match of text.matchAll(/(?:[^\s\u00a0-]|-(?![a-z]))+(?:\u00a0[^\s\u00a0]+)*-?/gi)) {
      const word = match[0];
      if (!strict && !FIGURE.test(word)) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + word.length);
      const tops = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
      );
      if (tops.size > 1) problems.push(`"${word}" breaks across lines in <${parent.tagName.toLowerCase()}>`);
    }
    // A handle ("@gateway-team") is a name: it does not break at its hyphen as a compound may.
    for (const match of text.matchAll(/@[\w.-]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
      );
      if (tops.size > 1) problems.push(`"${match[0]}" breaks across lines`);
    }
  }

  // Tables and drawings fit their column: nothing in them is cut off or needs a sideways scroll.
  for (const box of document.querySelectorAll('main table, main svg, main figure')) {
    const rect = box.getBoundingClientRect();
    const parent = box.parentElement!;
    const style = getComputedStyle(parent);
    const room = parent.getBoundingClientRect().right - parseFloat(style.paddingRight);
    if (rect.width === 0 || box.closest('.visually-hidden')) continue;
    const name = `<${box.tagName.toLowerCase()}${box.id ? `#${box.id}` : ''}>`;
    if (rect.right > room + 1)
      problems.push(
        `${name} is wider than its container (${Math.round(rect.right)} > ${Math.round(room)} px)`,
      );
    // A stacked table's header row is hidden from sight (kept for screen readers): 1 px, clipped.
    const header = box.querySelector('thead');
    const hidden = header !== null && header.getBoundingClientRect().width <= 1;
    for (const inner of box.querySelectorAll(
      hidden ? 'tbody td, tbody th, tbody td *, tbody th *' : 'td, th, td *, th *',
    )) {
      const right = inner.getBoundingClientRect().right;
      if (right > rect.right + 1 && inner.getBoundingClientRect().width > 0)
        problems.push(`"${(inner.textContent ?? '').trim().slice(0, 30)}" sticks out of its ${name}`);
    }
  }
  for (const label of document.querySelectorAll('svg text')) {
    const svgText = label as SVGTextElement;
    const scale = svgText.getScreenCTM()?.a ?? 1;
    const size = parseFloat(getComputedStyle(svgText).fontSize) * scale;
    if (svgText.getBoundingClientRect().width > 0 && size < 11)
      problems.push(`SVG label "${svgText.textContent?.trim()}" is drawn at ${size.toFixed(1)} px`);
  }
  return problems;
}

let browser: Browser;
const servers: StaticServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

/**
 * Loads every page at every width and measures its layout in the light scheme; the dark scheme
 * changes colours only (the first test holds it to that), so it is loaded only for its screenshots.
 */
async function checkSite(
  site: string,
  root: string,
  screenshots: (width: number) => boolean,
  pages: Record<string, string> = PAGES,
) {
  const server = await serve({ '/': root });
  servers.push(server);
  const found: string[] = [];
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page: Page = await context.newPage();
    for (const colorScheme of SCHEMES) {
      const shots =
        TAKE_SCREENSHOTS &&
        screenshots(width) &&
        (colorScheme === 'light' || DARK_SCREENSHOT_WIDTHS.includes(width));
      if (colorScheme !== 'light' && !shots) continue;
      await page.emulateMedia({ colorScheme });
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(server.url + path);
        if (colorScheme === 'light')
          for (const problem of await page.evaluate(layoutProblems))
            found.push(`${site} ${name} at ${width} px: ${problem}`);
        if (shots)
          await page.screenshot({
            path: `${SCREENSHOTS}/${site}-${name}-${width}-${colorScheme}.jpg`,
            type: 'jpeg',
            quality: 80,
            fullPage: true,
          });
      }
    }
    await context.close();
  }
  return found;
}

describe('layout at 320, 390, 768 and 1280 px, light and dark', () => {
  test('the dark scheme changes colours only: every rule in it sets a custom property', () => {
    const dist = inject('siteDist');
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const linked = [...html.matchAll(/<link rel="stylesheet" href="\/([^"]+)"/g)].map((m) =>
      readFileSync(join(dist, m[1]!), 'utf8'),
    );
    const css = [...linked, ...[...html.matchAll(/<style[^>]*>([^]*?)<\/style>/g)].map((m) => m[1])].join(
      '\n',
    );
    const blocks = [...css.matchAll(/@media ?\(prefers-color-scheme: ?dark\) ?\{((?:[^{}]*\{[^{}]*\})*)\}/g)];
    expect(blocks.length).toBeGreaterThan(0);
    const declarations = blocks.flatMap((b) =>
      [...b[1]!.matchAll(/\{([^{}]*)\}/g)].flatMap((rule) => rule[1]!.split(';').map((d) => d.trim())),
    );
    expect(declarations.filter((d) => d !== '' && !d.startsWith('--'))).toEqual([]);
  });

  test('the demo: no word broken, nothing overflowing, no SVG label under 11 px', async () => {
    expect(await checkSite('demo', inject('siteDist'), () => true)).toEqual([]);
  }, 300_000);

  test('long names, long titles and 24 months of reports hold up the same', async () => {
    const build = buildSite(longContent(), { STATUSMARK_NOW: '2026-11-23T01:10:00Z' });
    expect(build.status, build.output).toBe(0);
    expect(readdirSync(join(build.outDir, 'reports')).filter((n) => /^\d{4}-\d{2}$/.test(n))).toHaveLength(
      24,
    );
    const pages = {
      ...PAGES,
      'recurring-maintenance': '/maintenance/2026-10-06-weekly-docs-search-reindex/',
    };
    expect(await checkSite('long', build.outDir, (width) => width === 390 || width === 1280, pages)).toEqual(
      [],
    );
  }, 300_000);
});

describe('uptime bars on a phone and on a desktop', () => {
  test('a phone shows the last 30 days, wide enough to see, and says so; a desktop shows 90', async () => {
    const server = await serve({ '/': inject('siteDist') });
    servers.push(server);
    for (const [width, days] of [
      [390, 30],
      [1280, 90],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(server.url);
      const rows = await page.$$eval('.uptime', (all) =>
        all.map((uptime) => {
          const bars = [...uptime.querySelectorAll('rect')]
            .map((r) => r.getBoundingClientRect())
            .filter((r) => r.width > 0);
          return {
            bars: bars.length,
            narrowest: Math.min(...bars.map((r) => r.width)),
            right: Math.max(...bars.map((r) => r.right)),
            edge: uptime.getBoundingClientRect().right,
            legend: (uptime.querySelector('.legend') as HTMLElement).innerText.replace(/\s+/g, ' '),
          };
        }),
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.bars, `${width} px`).toBe(days);
        expect(row.legend).toMatch(new RegExp(`^${days} days ago \\S+ uptime Today$`));
        // Today's bar ends at the right edge, and no bar is a sliver.
        expect(Math.abs(row.right - row.edge)).toBeLessThan(1.5);
        expect(row.narrowest).toBeGreaterThan(width === 390 ? 8 : 4);
      }
      await context.close();
    }
  });
});

describe('links, focus and the current section', () => {
  test('names and navigation are plain links; links in sentences are underlined; focus shows a ring', async () => {
    const server = await serve({ '/': inject('siteDist') });
    servers.push(server);
    for (const colorScheme of SCHEMES) {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(server.url);
      const underline = (selector: string) =>
        page.$eval(selector, (a) => getComputedStyle(a).textDecorationLine);
      expect(await underline('.component-head a')).toBe('none');
      expect(await underline('.site-header nav a:not([aria-current])')).toBe('none');
      expect(await underline('.incident-card h3 a')).toBe('none');
      // In a sentence, colour alone must not tell a link apart from the words around it.
      expect(await underline('.notice p a')).toBe('underline');
      await page.hover('.component-head a');
      expect(await underline('.component-head a')).toBe('underline');
      // The current section is marked in words' styling, not by colour alone.
      expect(await page.$eval('.site-header nav [aria-current="page"]', (a) => a.textContent?.trim())).toBe(
        'Status',
      );
      expect(await underline('.site-header nav [aria-current="page"]')).toBe('underline');
      // Tabbing lands on the skip link, then the site's name, then the navigation: each shows a ring.
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(() => {
          const style = getComputedStyle(document.activeElement!);
          return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
        });
        expect(ring.style).toBe('solid');
        expect(ring.width).toBeGreaterThanOrEqual(2);
      }
      await context.close();
    }
  });
});

/** WCAG relative luminance contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe('the page status banner and the active incident', () => {
  test('the banner is solid for an outage and calm otherwise, its text passes WCAG AA, light and dark', async () => {
    const server = await serve({ '/': inject('siteDist') });
    servers.push(server);
    for (const colorScheme of SCHEMES) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(server.url);
      const looks: Record<string, { bg: string; fg: string; page: string }> = {};
      for (const status of [
        'operational',
        'under_maintenance',
        'degraded_performance',
        'partial_outage',
        'major_outage',
      ]) {
        // The demo is in a partial outage; the other states are the same element with their class.
        looks[status] = await page.evaluate((s) => {
          const banner = document.querySelector<HTMLElement>('.banner')!;
          banner.className = banner.className.replace(/banner-\w+/, `banner-${s}`);
          const style = getComputedStyle(banner);
          return {
            bg: style.backgroundColor,
            fg: getComputedStyle(banner.querySelector('h1')!).color,
            page: getComputedStyle(document.body).backgroundColor,
          };
        }, status);
        const look = looks[status];
        expect(contrast(look.fg, look.bg), `${status} ${colorScheme}`).toBeGreaterThanOrEqual(4.5);
      }
      // Weight follows the status: an outage bar stands out from the page far more than a calm one.
      const weight = (s: string) => contrast(looks[s]!.bg, looks[s]!.page);
      expect(weight('major_outage')).toBeGreaterThan(3);
      expect(weight('partial_outage')).toBeGreaterThan(3);
      expect(weight('operational')).toBeLessThan(1.5);
      expect(looks.major_outage!.bg).not.toBe(looks.partial_outage!.bg);
      await context.close();
    }
  });

  test("an active incident card's edge is the colour of its own impact", async () => {
    const server = await serve({ '/': inject('siteDist') });
    servers.push(server);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    const cards = await page.$$eval('.incident-card', (all) =>
      all.map((card) => ({
        edge: getComputedStyle(card).borderLeftColor,
        label: getComputedStyle(card.querySelector('.status')!).color,
      })),
    );
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.edge).toBe(card.label);
    await context.close();
  });
});
