import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, listFiles, type BuildResult } from '../helpers/build.ts';

/** Markers of active content planted in every Markdown and text field of test/fixtures/hostile. */
const DANGEROUS = [/<script/i, /\son\w+\s*=/i, /javascript:/i, /<iframe/i, /<style>body/i];

let build: BuildResult;
beforeAll(() => {
  build = buildSite('test/fixtures/hostile', { STATUSMARK_NOW: '2026-11-23T12:00:00Z' });
  if (build.status !== 0) throw new Error(build.output);
});

const read = (file: string) => readFileSync(join(build.outDir, file), 'utf8');

describe('raw HTML in content', () => {
  test('is neutralised in every page: no script, handler, javascript: URL or iframe survives', () => {
    const pages = listFiles(build.outDir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const doc = parseHTML(read(page)).document;
      expect(doc.querySelectorAll('script, iframe, object, embed'), page).toHaveLength(0);
      for (const el of doc.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          expect(attr.name.startsWith('on'), `${page}: ${el.tagName} ${attr.name}`).toBe(false);
          expect(
            /^\s*javascript:/i.test(attr.value),
            `${page}: ${el.tagName} ${attr.name}=${attr.value}`,
          ).toBe(false);
        }
      }
    }
  });

  test('shows the text the author wrote, escaped, rather than dropping the update', () => {
    const doc = parseHTML(read('incidents/2026-11-20-hostile/index.html')).document;
    expect(doc.querySelector('h1')?.textContent).toBe("<script>alert('title')</script> API errors");
    expect(doc.querySelector('#update-20261120T1410Z')?.textContent).toContain('a link');
  });

  test('is neutralised in feeds: the HTML of each item is sanitized and the description is plain text', async () => {
    for (const file of ['feed.xml', 'components/api/feed.xml', 'postmortems/feed.xml']) {
      const feed = await new Parser({ customFields: { item: ['content:encoded'] } }).parseString(read(file));
      for (const item of feed.items as unknown as Record<string, string>[]) {
        for (const pattern of DANGEROUS) {
          expect(item['content:encoded'] ?? '', `${file}: ${item.title}`).not.toMatch(pattern);
          expect(item.contentSnippet ?? '', `${file}: ${item.title}`).not.toMatch(/<[a-z]/i);
        }
      }
    }
  });

  test('plain text is readable: no Markdown escapes, no tags, link text kept, no image', () => {
    const incidents = JSON.parse(read('api/v2/incidents.json')) as {
      incidents: { incident_updates: { status: string; body: string }[] }[];
    };
    const resolved = incidents.incidents[0]?.incident_updates.find((u) => u.status === 'resolved')?.body;
    expect(resolved).toBe("Resolved AT&T's docs status docs");
  });

  test('an RSS description is escaped for the HTML readers show it as, and images from elsewhere stay out', async () => {
    const feed = await new Parser({ customFields: { item: ['content:encoded'] } }).parseString(
      read('feed.xml'),
    );
    const item = (feed.items as unknown as Record<string, string>[]).find((i) =>
      i.title?.startsWith('[Resolved]'),
    );
    // One XML decoding gives HTML whose text is the plain text: `&` stays an entity, nothing is a tag.
    expect(item?.content).toBe('Resolved AT&amp;T&#39;s docs status docs'.replace('&#39;', "'"));
    expect(item?.['content:encoded']).not.toContain('<img src="https://evil.example');
    expect(item?.['content:encoded']).toContain('<a href="https://evil.example/pixel.png">Image: pixel</a>');
    const page = parseHTML(read('incidents/2026-11-20-hostile/index.html')).document;
    expect([...page.querySelectorAll('img')].map((img) => img.getAttribute('src'))).not.toContain(
      'https://evil.example/pixel.png',
    );
  });

  test('is plain text in the JSON API and the calendar', () => {
    const summary = read('api/v2/incidents.json');
    const bodies = (
      JSON.parse(summary) as { incidents: { incident_updates: { body: string }[] }[] }
    ).incidents.flatMap((i) => i.incident_updates.map((u) => u.body));
    expect(bodies.length).toBe(2);
    for (const body of bodies) expect(body).not.toMatch(/<[a-z]|javascript:/i);
    expect(read('maintenance.ics')).not.toMatch(/<script|javascript:/i);
  });
});

describe('Content-Security-Policy', () => {
  test('every page forbids all script, as the README says, and allows only its own hashed styles', () => {
    const pages = listFiles(build.outDir).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    for (const file of pages) {
      const { document } = parseHTML(read(file));
      const policy = document
        .querySelector('meta[http-equiv="content-security-policy"]')
        ?.getAttribute('content');
      const directives = new Map(
        (policy ?? '')
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name!, values]),
      );
      expect(directives.get('script-src'), file).toEqual(["'none'"]);
      expect(directives.get('object-src'), file).toEqual(["'none'"]);
      expect(
        directives.get('style-src')?.every((v) => v === "'self'" || v.startsWith("'sha256-")),
        file,
      ).toBe(true);
      expect(document.querySelectorAll('script').length, file).toBe(0);
    }
  });
});
