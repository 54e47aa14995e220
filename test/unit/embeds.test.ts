import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { bannerWords } from '../../src/formats/banner-words.ts';
import { headersFile } from '../../src/integration/headers.ts';
import { loadCatalogues, localeOf } from '../../src/loader/catalogues.ts';
import { formatProblem } from '../../src/loader/problem.ts';
import { STATUS_COLOURS, statusIconSvg, statusPreviewPng } from '../../src/theme/status-picture.ts';
import { incident, siteContent } from '../helpers/entries.ts';
import { headersFor } from '../helpers/headers-file.ts';
import { baseTree, validate } from '../helpers/tree.ts';

describe('the headers file (Netlify, Cloudflare Pages)', () => {
  test('no page may be framed but /embed/, which any site may frame by default', () => {
    const file = headersFile('/');
    expect(headersFor(file, '/')).toContain('X-Frame-Options: DENY');
    expect(headersFor(file, '/incidents/a/')).not.toContainEqual(expect.stringMatching(/frame-ancestors/));
    // Browsers obey frame-ancestors in place of X-Frame-Options where a response has both.
    expect(headersFor(file, '/embed/')).toContain('Content-Security-Policy: frame-ancestors *');
    expect(headersFor(file, '/embed/status-banner.js')).toContain('Access-Control-Allow-Origin: *');
    expect(headersFor(file, '/api/v2/summary.json')).toContain('Access-Control-Allow-Origin: *');
    expect(file).not.toContain('X-Robots-Tag');
  });

  test("only the origins site.yaml lists may frame /embed/, in each of the site's languages", () => {
    const file = headersFile('/status/', {
      languageDirs: ['de', 'pt-BR'],
      frameOrigins: ['https://app.example.com', 'https://*.example.org'],
      noindex: false,
    });
    for (const path of ['/status/embed/', '/status/de/embed/', '/status/pt-BR/embed/'])
      expect(headersFor(file, path)).toContain(
        'Content-Security-Policy: frame-ancestors https://app.example.com https://*.example.org',
      );
    expect(headersFor(file, '/status/de/')).toEqual(expect.arrayContaining(['X-Frame-Options: DENY']));
    expect(headersFor(file, '/status/de/')).not.toContainEqual(expect.stringMatching(/frame-ancestors/));
  });

  test('noindex asks search engines to keep every file out', () => {
    const file = headersFile('/', { languageDirs: [], noindex: true });
    expect(headersFor(file, '/history/')).toContain('X-Robots-Tag: noindex');
    expect(headersFor(file, '/embed/')).toContain('X-Robots-Tag: noindex');
  });
});

describe('site.yaml embed and noindex', () => {
  const report = (lines: string) => {
    const tree = baseTree();
    tree.site = { file: 'content/site.yaml', text: `${tree.site!.text.trimEnd()}\n${lines}\n` };
    return validate(tree).problems.map(formatProblem);
  };

  test('are valid as documented', () => {
    expect(
      report(
        'noindex: true\nembed:\n  allow_origins: [https://app.example.com, "https://*.example.org:8443"]',
      ),
    ).toEqual([]);
  });

  test('an origin with a path, or no scheme, is named on its line with the form to use', () => {
    const problems = report(
      'embed:\n  allow_origins:\n    - https://app.example.com/\n    - app.example.com',
    );
    expect(problems).toHaveLength(2);
    for (const [index, problem] of problems.entries())
      expect(problem).toMatch(
        new RegExp(
          `content/site\\.yaml:\\d+ {2}embed\\.allow_origins\\[${index}\\] {2}must be an origin: a scheme and a host, with no path or trailing slash, such as "https://app\\.example\\.com"`,
        ),
      );
  });

  test('noindex is true or false', () => {
    expect(report('noindex: yes please')).toEqual([
      expect.stringMatching(/content\/site\.yaml:\d+ {2}noindex {2}/),
    ]);
  });
});

describe('the status banner words', () => {
  test("come in each of the site's languages, with the page's headline to fill in", () => {
    const set = loadCatalogues([], ['de', 'en'], []);
    const [de, en] = [localeOf(set, 'de', 'UTC')!, localeOf(set, 'en', 'UTC')!];
    const open = incident('api-down', {
      title: 'API antwortet nicht',
      started: '2026-11-23T10:00:00Z',
      components: [{ id: 'api', impact: 'major_outage' }],
    });
    const content = { ...siteContent({ incidents: [open] }), locale: de, locales: [de, en] };
    const words = bannerWords(content);
    expect(Object.keys(words)).toEqual(['de', 'en']);
    expect(words.de).toMatchObject({
      dir: '',
      label: 'Test Co Status',
      affected: '{status}: {components}',
      dismiss: 'Schließen',
      more: 'Zur Statusseite',
      titles: { 'api-down': 'API antwortet nicht' },
    });
    expect(words.de!.statuses.major_outage).toBe('Schwerer Ausfall');
    expect(words.en).toMatchObject({
      dir: 'en/',
      dismiss: 'Dismiss',
      monitoring: 'Monitoring a recent incident',
    });
  });
});

describe('the status pictures', () => {
  /** The RGB of one pixel of the preview PNG (8-bit RGB, filter 0 on every row). */
  const pixel = (png: Buffer, x: number, y: number) => {
    const chunks: Buffer[] = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      if (png.subarray(at + 4, at + 8).toString('ascii') === 'IDAT')
        chunks.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(chunks));
    const at = y * (1200 * 3 + 1) + 1 + x * 3;
    return `#${[...raw.subarray(at, at + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  };

  test('the preview is the status colour with a white disc, and the shape in the colour on it', () => {
    const png = statusPreviewPng('major_outage');
    expect(pixel(png, 5, 5)).toBe(STATUS_COLOURS.major_outage);
    expect(pixel(png, 600 + 180, 315)).toBe('#ffffff'); // on the disc, beside the cross
    expect(pixel(png, 600, 315)).toBe(STATUS_COLOURS.major_outage); // the middle of the cross
    expect(pixel(statusPreviewPng('operational'), 600, 315)).toBe('#ffffff'); // a check has no middle
  });

  test('each favicon has its colour and a shape of its own', () => {
    const icons = (
      ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const
    ).map((status) => {
      const svg = statusIconSvg(status);
      expect(svg).toContain(`fill="${STATUS_COLOURS[status]}"`);
      return svg.replace(/#[0-9a-f]{6}/, '');
    });
    expect(new Set(icons).size).toBe(5);
  });
});
