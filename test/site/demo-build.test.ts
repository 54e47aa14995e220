import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { buildSite, listFiles, readPage, text } from '../helpers/build.ts';
import { brokenLinks } from '../helpers/links.ts';

// The one test file that reads this repository's demo content/ (the others use test/fixtures/site,
// so that replacing the demo never breaks them): the demo must build, and say what it shows.
const build = buildSite('content');
if (build.status !== 0) throw new Error(`The demo did not build:\n${build.output}`);
const pages = listFiles(build.outDir).filter((f) => f.endsWith('.html'));

describe('the demo home page', () => {
  test('names the page status in words', () => {
    const doc = readPage(build.outDir, '/');
    expect(text(doc.querySelector('h1'))).toBe('▲ Partial outage: Payments API');
  });

  test('shows the ongoing incident with its latest update and the promised next update', () => {
    const doc = readPage(build.outDir, '/');
    const card = doc.querySelector('#active-incidents ~ article');
    expect(text(card?.querySelector('h3'))).toBe('Elevated API error rates');
    expect(text(card)).toContain('Identified: One of three API clusters');
    expect(text(card)).toContain('Next update by 01:30 UTC');
    expect(text(card)).toContain('Identified · ▲ Partial outage · Affects Payments API and Webhooks');
  });

  test('shows the maintenance in progress and the upcoming ones, a weekly series once at its next date', () => {
    const items = [...readPage(build.outDir, '/').querySelectorAll('.maintenance-list li')].map(text);
    expect(items).toEqual([
      expect.stringContaining('Reporting storage migration · In progress until'),
      'Weekly developer docs search reindex · Scheduled Nov 24, 2026, 03:00 UTC – 03:30 UTC · repeats',
      expect.stringContaining('Banking partner maintenance (SEPA payouts) · Scheduled Nov 28, 2026'),
    ]);
    const link = readPage(build.outDir, '/').querySelector('.maintenance-list li:nth-child(2) a');
    expect(link?.getAttribute('href')).toBe(
      '/maintenance/2026-10-06-weekly-docs-search-reindex/#on-2026-11-24',
    );
  });

  test('groups components in collapsible groups, each with a status in words and 90 daily bars', () => {
    const doc = readPage(build.outDir, '/');
    const groups = [...doc.querySelectorAll('details.group')];
    expect(groups.map((g) => text(g.querySelector('.group-name')))).toEqual([
      'Payments',
      'Developer tools',
      'Accounts and data',
    ]);
    const rows = [...doc.querySelectorAll('li.component')];
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row.querySelectorAll('rect')).toHaveLength(90);
      expect(text(row.querySelector('.status'))).toMatch(
        /^. (Operational|Under maintenance|Degraded performance|Partial outage|Major outage)$/,
      );
    }
    const reporting = rows.find((r) => text(r).includes('Reporting and exports'));
    expect(text(reporting?.querySelector('.status'))).toBe('⚙ Under maintenance');
  });

  test('labels a bad day with its status, downtime and incident, and links to it', () => {
    const doc = readPage(build.outDir, '/');
    const checkout = [...doc.querySelectorAll('li.component')].find((r) =>
      text(r).includes('Hosted checkout'),
    );
    const day = [...(checkout?.querySelectorAll('a') ?? [])].find((a) =>
      text(a.querySelector('title')).startsWith('2026-10-14'),
    );
    expect(text(day?.querySelector('title'))).toBe(
      '2026-10-14: Major outage, 33m weighted downtime — Card payments failing in hosted checkout',
    );
    expect(day?.getAttribute('href')).toBe('/incidents/2026-10-14-checkout-payments-failing/');
  });

  test('lists the last 7 days, saying so on quiet days', () => {
    const days = [...readPage(build.outDir, '/').querySelectorAll('.day')];
    expect(days).toHaveLength(7);
    expect(text(days[0])).toContain('Nov 23, 2026');
    expect(text(days[1])).toContain('Elevated API error rates'); // started Nov 22, 23:52
    expect(text(days[2])).toContain('No incidents reported.');
  });

  test('says it is a demo and when the data is from', () => {
    const doc = readPage(build.outDir, '/');
    expect(text(doc.querySelector('.demo-banner'))).toContain('Demo: fictional data');
    expect(doc.querySelector('footer time')?.getAttribute('datetime')).toBe('2026-11-23T01:10:00Z');
  });
});

describe('an incident page', () => {
  test('shows updates newest first with stable anchors', () => {
    const doc = readPage(build.outDir, '/incidents/2026-06-24-payments-api-outage/');
    const updates = [...doc.querySelectorAll('.updates > li')];
    expect(updates.map((u) => u.id)).toEqual([
      'update-20260624T1630Z',
      'update-20260624T1522Z',
      'update-20260624T1455Z',
      'update-20260624T1438Z',
      'update-20260624T1413Z',
    ]);
    expect(text(updates[0]?.querySelector('.meta'))).toBe('Resolved · Jun 24, 2026, 16:30 UTC');
    expect(updates[2]?.querySelector('strong')?.textContent).toBe('Identified');
  });

  test('renders Markdown in updates', () => {
    const doc = readPage(build.outDir, '/incidents/2026-06-24-payments-api-outage/');
    expect(text(doc.querySelector('#update-20260624T1455Z .prose strong'))).toBe('idempotency key');
  });

  test('links the published postmortem, or says one is pending', () => {
    const withPm = readPage(build.outDir, '/incidents/2026-06-24-payments-api-outage/');
    expect(withPm.querySelector('a[href="/postmortems/2026-06-24-payments-api-outage/"]')).not.toBeNull();
    const pending = readPage(build.outDir, '/incidents/2026-11-19-payouts-delayed/');
    expect(text(pending.querySelector('main'))).toContain('Postmortem pending.');
  });

  test('a resolved incident leads with "Resolved" and calls its impact the peak; an open one leads with its stage', () => {
    const resolved = readPage(build.outDir, '/incidents/2026-06-24-payments-api-outage/');
    expect(text(resolved.querySelector('main h1 + p'))).toMatch(
      /^Resolved · peak impact ✕ Major outage · Severity P1/,
    );
    const open = readPage(build.outDir, '/incidents/2026-11-22-elevated-api-errors/');
    expect(text(open.querySelector('main h1 + p'))).toMatch(/^Identified · ▲ Partial outage · Severity P2/);
  });

  test('gives durations from the start', () => {
    const doc = readPage(build.outDir, '/incidents/2026-08-31-webhook-deliveries-delayed/');
    expect(text(doc.querySelector('main'))).toContain('Impact lasted 2 hours and 30 minutes.');
  });
});

describe('the history pages', () => {
  test('group incidents by month, newest first, with impact, severity, start and duration', () => {
    const doc = readPage(build.outDir, '/history/');
    expect([...doc.querySelectorAll('main h2')].slice(0, 3).map(text)).toEqual([
      'November 2026',
      'October 2026',
      'September 2026',
    ]);
    const rows = [...doc.querySelectorAll('.incident-row')].map(text);
    expect(rows[0]).toBe(
      'Elevated API error rates Identified · ▲ Partial outage · P2 · Nov 22, 2026, 23:52 UTC · ongoing, 1h 18m',
    );
    expect(rows).toContain(
      'Card payments failing in hosted checkout Resolved · peak impact ✕ Major outage · P2 · Oct 14, 2026, 09:18 UTC · lasted 47m',
    );
  });

  test('paginate and filter by component and severity on separate pages', () => {
    expect(readPage(build.outDir, '/history/').querySelectorAll('.incident-row')).toHaveLength(25);
    expect(readPage(build.outDir, '/history/2/').querySelectorAll('.incident-row')).toHaveLength(17);
    const payouts = [
      ...readPage(build.outDir, '/history/component/payouts/').querySelectorAll('.incident-row a'),
    ].map(text);
    expect(payouts).toContain('Standard payouts delayed by one business day');
    expect(payouts).not.toContain('Elevated API error rates');
    expect(readPage(build.outDir, '/history/severity/P1/').querySelectorAll('.incident-row')).toHaveLength(2);
  });
});

describe('every built page', () => {
  test('is valid HTML', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'no-inline-style': 'off', 'long-title': 'off', 'no-trailing-whitespace': 'off' },
    });
    const failures: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(readFileSync(join(build.outDir, page), 'utf8'), page);
      for (const result of report.results)
        for (const m of result.messages) failures.push(`${page}:${m.line} ${m.ruleId} ${m.message}`);
    }
    expect(failures).toEqual([]);
  });

  test('has no broken internal link or anchor', () => {
    expect(brokenLinks(build.outDir)).toEqual([]);
  });

  test('loads no script and nothing from another origin (links to elsewhere are fine)', () => {
    for (const page of pages) {
      const doc = parseHTML(readFileSync(join(build.outDir, page), 'utf8')).document;
      expect(doc.querySelectorAll('script'), page).toHaveLength(0);
      const loads = [
        ...[...doc.querySelectorAll('[src]')].map((e) => e.getAttribute('src') ?? ''),
        ...[...doc.querySelectorAll('link[href]')]
          .filter((e) => !['canonical', 'alternate'].includes(e.getAttribute('rel') ?? ''))
          .map((e) => e.getAttribute('href') ?? ''),
      ];
      expect(
        loads.filter((u) => /^(https?:)?\/\//.test(u)),
        page,
      ).toEqual([]);
    }
  });
});

describe('the demo recurring maintenance page', () => {
  const page = () => readPage(build.outDir, '/maintenance/2026-10-06-weekly-docs-search-reindex/');

  test('says the rule in words and lists the next occurrences, the moved one marked with its note', () => {
    const doc = page();
    expect(text(doc.querySelector('main'))).toContain('Repeats Every week on Tuesday at 03:00 UTC');
    const next = [...doc.querySelectorAll('#upcoming ~ ul li')].map(text);
    expect(next).toEqual([
      'Scheduled · Nov 24, 2026, 03:00 UTC – 03:30 UTC',
      'Scheduled · Dec 1, 2026, 03:00 UTC – 03:30 UTC',
      'Scheduled · Dec 8, 2026, 03:00 UTC – 03:30 UTC',
      'Scheduled · Dec 15, 2026, 03:00 UTC – 03:30 UTC',
      'Scheduled · Dec 21, 2026, 03:00 UTC – 03:30 UTC · moved from Dec 22, 2026, 03:00 UTC Moved a day earlier for the holiday release freeze.',
    ]);
    expect(doc.querySelector('#on-2026-12-22')).not.toBeNull();
  });

  test('lists the past occurrences that took place, and the cancelled one as cancelled', () => {
    const past = [...page().querySelectorAll('#past ~ ul li')].map(text);
    expect(past).toEqual([
      'Completed · Nov 17, 2026, 03:00 UTC – 03:30 UTC',
      'Cancelled · Nov 10, 2026, 03:00 UTC – 03:30 UTC Skipped while the search cluster was being resized.',
      'Completed · Nov 3, 2026, 03:00 UTC – 03:30 UTC',
      'Completed · Oct 27, 2026, 03:00 UTC – 03:30 UTC',
      'Completed · Oct 20, 2026, 03:00 UTC – 03:30 UTC',
      'Completed · Oct 13, 2026, 03:00 UTC – 03:30 UTC',
      'Completed · Oct 6, 2026, 03:00 UTC – 03:30 UTC',
    ]);
  });

  test('the calendar carries the series with its RRULE, the cancelled date and the moved one', () => {
    const ics = readFileSync(join(build.outDir, 'maintenance.ics'), 'utf8');
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU\r\nEXDATE:20261110T030000Z\r\n');
    expect(ics).toContain('RECURRENCE-ID:20261222T030000Z\r\nDTSTART:20261221T030000Z\r\n');
  });
});

describe('the demo in two languages (locales: [en, de])', () => {
  const site = 'https://status.kestrel.example';
  const alternates = (page: string): Record<string, string> =>
    Object.fromEntries(
      [...readPage(build.outDir, `/${page}`).querySelectorAll('link[rel="alternate"][hreflang]')].map(
        (l): [string, string] => [l.getAttribute('hreflang') ?? '', l.getAttribute('href') ?? ''],
      ),
    );

  test('builds every page once in English at the root and once in German under /de/', () => {
    const english = pages.filter((p) => !p.startsWith('de/') && p !== '404.html');
    const german = pages.filter((p) => p.startsWith('de/'));
    expect(german.map((p) => p.slice(3)).sort()).toEqual(english.sort());
    expect(readFileSync(join(build.outDir, 'de/index.html'), 'utf8')).toContain('<html lang="de"');
  });

  test('each version names the other with hreflang, both ways, and every address is a built page', () => {
    const files = new Set(listFiles(build.outDir));
    const problems: string[] = [];
    for (const page of pages.filter((p) => p !== '404.html')) {
      const own = alternates(page);
      const path = page.replace(/index\.html$/, '').replace(/^de\//, '');
      const expected = { en: `${site}/${path}`, de: `${site}/de/${path}`, 'x-default': `${site}/${path}` };
      if (JSON.stringify(own) !== JSON.stringify(expected)) problems.push(`${page}: ${JSON.stringify(own)}`);
      for (const href of Object.values(own)) {
        const file = `${new URL(href).pathname.slice(1)}index.html`;
        if (!files.has(file)) problems.push(`${page} → ${href} is not built`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('the sitemap lists each page with its other language (xhtml:link hreflang)', () => {
    const sitemap = readFileSync(join(build.outDir, 'sitemap-0.xml'), 'utf8');
    const entry =
      /<url><loc>https:\/\/status\.kestrel\.example\/history\/<\/loc>(.*?)<\/url>/.exec(sitemap)?.[1] ?? '';
    expect(entry).toContain(`hreflang="de" href="${site}/de/history/"`);
    expect(entry).toContain(`hreflang="en" href="${site}/history/"`);
  });

  test('a language switcher links to the same page in the other language, without script', () => {
    const german = readPage(build.outDir, '/de/reports/2026-10/');
    const nav = german.querySelector('nav.languages')!;
    expect(text(nav)).toBe('English Deutsch');
    expect(nav.querySelector('a[hreflang="en"]')!.getAttribute('href')).toBe('/reports/2026-10/');
    expect(nav.querySelector('[aria-current="page"]')!.getAttribute('lang')).toBe('de');
  });

  test('the German pages use the German words of incidents and components, and fall back to the original where there are none', () => {
    const german = readPage(build.outDir, '/de/incidents/2026-11-22-elevated-api-errors/');
    expect(text(german.querySelector('h1'))).toBe('Erhöhte Fehlerraten der API');
    expect(text(german.querySelector('#update-20261123T0041Z'))).toContain('Einer von drei API-Clustern in eu-west');
    const english = readPage(build.outDir, '/incidents/2026-11-22-elevated-api-errors/');
    expect(text(english.querySelector('h1'))).toBe('Elevated API error rates');
    const home = readPage(build.outDir, '/de/');
    expect([...home.querySelectorAll('.group-name')].map((e) => text(e))).toEqual([
      'Zahlungen',
      'Entwicklerwerkzeuge',
      'Konten und Daten',
    ]);
    expect(text(home.querySelector('.components'))).toContain('Gehosteter Checkout');
    const untranslated = readPage(build.outDir, '/de/incidents/2026-11-19-payouts-delayed/');
    expect(text(untranslated.querySelector('h1'))).toBe('Standard payouts delayed by one business day');
    expect(text(untranslated.querySelector('h2'))).toBe('Zeitverlauf');
  });

  test('feeds come in both languages; the API, badges and calendar once, with Statuspage’s words', () => {
    expect(readFileSync(join(build.outDir, 'de/feed.xml'), 'utf8')).toContain('<language>de</language>');
    expect(readFileSync(join(build.outDir, 'feed.xml'), 'utf8')).toContain('<language>en</language>');
    const status = JSON.parse(readFileSync(join(build.outDir, 'api/v2/status.json'), 'utf8')) as {
      status: { description: string };
    };
    expect(status.status.description).toBe('Partial System Outage');
    expect(pages.some((p) => p.startsWith('de/api/') || p.startsWith('de/badges/'))).toBe(false);
    expect(listFiles(build.outDir).filter((f) => f.endsWith('maintenance.ics'))).toEqual(['maintenance.ics']);
  });
});
