import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { listFiles, readPage } from '../helpers/build.ts';

// test/fixtures/site as of its demo clock: a partial outage of the Payments API.
const dist = inject('siteDist');
const SITE = 'https://status.kestrel.example';
const STATUS = 'Partial outage: Payments API';

const PAGE_TYPES = {
  home: '/',
  incident: '/incidents/2026-11-22-elevated-api-errors/',
  postmortem: '/postmortems/2026-06-24-payments-api-outage/',
  maintenance: '/maintenance/2026-11-23-reporting-storage-migration/',
  report: '/reports/2026-10/',
  component: '/components/api/',
  history: '/history/',
  'not found': '/404.html',
};

const meta = (doc: Document, key: string) =>
  doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');

/** Width and height from a PNG's header, after checking its signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('link previews', () => {
  test.each(Object.entries(PAGE_TYPES))(
    'the %s page says its title, the status in words and its description',
    (_, path) => {
      const doc = readPage(dist, path);
      const title = doc.querySelector('title')?.textContent;
      const description = meta(doc, 'description');
      expect(title).toBeTruthy();
      expect(meta(doc, 'og:title')).toBe(title);
      expect(meta(doc, 'twitter:title')).toBe(title);
      expect(meta(doc, 'og:description')).toBe(`${STATUS}. ${description}`);
      expect(meta(doc, 'twitter:description')).toBe(`${STATUS}. ${description}`);
      expect(meta(doc, 'og:type')).toBe('website');
      expect(meta(doc, 'og:site_name')).toBe('Kestrel status');
      const url = meta(doc, 'og:url');
      expect(url).toBe(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'));
      expect(url).toBe(`${SITE}${path === '/404.html' ? '/404/' : path}`);
      expect(meta(doc, 'twitter:card')).toBe('summary_large_image');
      expect(meta(doc, 'og:image')).toBe(`${SITE}/preview/partial_outage.png`);
      expect(meta(doc, 'twitter:image')).toBe(`${SITE}/preview/partial_outage.png`);
      expect(meta(doc, 'og:image:alt')).toBe(STATUS);
      expect(meta(doc, 'og:image:width')).toBe('1200');
      expect(meta(doc, 'og:image:height')).toBe('630');
      // Indexed: the fixture is a public site.
      expect(meta(doc, 'robots')).toBeUndefined();
    },
  );

  test('every page of the site has them, one of each', () => {
    const pages = listFiles(dist).filter((f) => f.endsWith('.html') && !f.startsWith('embed/'));
    expect(pages.length).toBeGreaterThan(50);
    for (const page of pages) {
      const html = readFileSync(join(dist, page), 'utf8');
      for (const key of ['og:title', 'og:description', 'og:url', 'og:image', 'twitter:card'])
        expect(html.split(`"${key}"`).length - 1, `${page} ${key}`).toBe(1);
    }
  });

  test('the preview image is a 1200×630 PNG for each status, each its own picture', () => {
    const statuses = [
      'operational',
      'under_maintenance',
      'degraded_performance',
      'partial_outage',
      'major_outage',
    ];
    const files = statuses.map((s) => join(dist, 'preview', `${s}.png`));
    for (const file of files) {
      expect(pngSize(file)).toEqual({ width: 1200, height: 630 });
      expect(readFileSync(file).length).toBeLessThan(40_000);
    }
    expect(new Set(files.map((f) => readFileSync(f).toString('base64'))).size).toBe(statuses.length);
  });

  test("the favicon is the status's own shape in its colour, and the page's words say the status", () => {
    const doc = readPage(dist, '/');
    const icon = doc.querySelector('link[rel="icon"]')?.getAttribute('href') ?? '';
    expect(icon).toMatch(/^data:image\/svg\+xml,/);
    const svg = decodeURIComponent(icon.slice(icon.indexOf(',') + 1));
    expect(svg).toContain('fill="#bc4c00"'); // partial outage's colour
    expect(svg).toContain('<line x1="0" y1="-0.45"'); // and its "!"
    expect(doc.querySelector('h1')?.textContent).toContain(STATUS);
  });
});

describe('search engines', () => {
  test('robots.txt lets crawlers in and names the sitemap, which leaves out /embed/', () => {
    expect(readFileSync(join(dist, 'robots.txt'), 'utf8')).toBe(
      `User-agent: *\nAllow: /\n\nSitemap: ${SITE}/sitemap-index.xml\n`,
    );
    const sitemap = readFileSync(join(dist, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`<loc>${SITE}/history/</loc>`);
    expect(sitemap).not.toContain('/embed/');
  });
});

describe('/embed/', () => {
  const html = () => readFileSync(join(dist, 'embed', 'index.html'), 'utf8');

  test('says the status in words and links the open incident and the maintenance under way', () => {
    const doc = readPage(dist, '/embed/');
    expect(doc.querySelector('.headline')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(`▲ ${STATUS}`);
    const links = [...doc.querySelectorAll('a')].map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
      a.getAttribute('target'),
    ]);
    expect(links).toEqual([
      ['Elevated API error rates', '/incidents/2026-11-22-elevated-api-errors/', '_blank'],
      ['Reporting storage migration', '/maintenance/2026-11-23-reporting-storage-migration/', '_blank'],
      ['View the status page', '/', '_blank'],
    ]);
    expect(doc.querySelector('.footer time')?.getAttribute('datetime')).toBe('2026-11-23T01:10:00Z');
  });

  test('is a few KB, has no script and asks not to be indexed', () => {
    expect(Buffer.byteLength(html())).toBeLessThan(5_000);
    expect(html()).not.toMatch(/<script/i);
    expect(html()).toContain("script-src 'none'");
    expect(meta(readPage(dist, '/embed/'), 'robots')).toBe('noindex');
  });
});
