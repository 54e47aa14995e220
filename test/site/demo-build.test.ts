import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, inject, test } from 'vitest';
import { listFiles, readPage, text } from '../helpers/build.ts';
import { SHIPPED } from '../helpers/demo.ts';
import { brokenLinks, scanPages, type PageRefs } from '../helpers/links.ts';

// This repository's demo content/ (the other site tests use test/fixtures/site, so that replacing the
// demo never breaks them), built once per run in every shipped language (test/setup/demo-build.ts):
// the demo must build, and say what it shows. English is at the root, as in the demo as shipped.
const dist = inject('demoDist');
const pages = listFiles(dist).filter((f) => f.endsWith('.html'));
/** The languages under /<tag>/: every shipped one but English. */
const OTHERS = SHIPPED.filter((tag) => tag !== 'en');
/** A page under one of those languages' folders; group 1 is the language. */
const underTag = new RegExp(`^(${OTHERS.join('|')})/`);

describe('the demo home page', () => {
  test('names the page status in words', () => {
    const doc = readPage(dist, '/');
    expect(text(doc.querySelector('h1'))).toBe('▲ Partial outage: Payments API');
  });

  test('shows the ongoing incident with its latest update and the promised next update', () => {
    const doc = readPage(dist, '/');
    const card = doc.querySelector('#active-incidents ~ article');
    expect(text(card?.querySelector('h3'))).toBe('Elevated API error rates');
    expect(text(card)).toContain('00:41 UTC: One of three API clusters');
    expect(text(card)).toContain('Next update by 01:30 UTC');
    expect(text(card)).toContain('Identified · ▲ Partial outage · Affects Payments API and Webhooks');
  });

  test('shows the maintenance in progress and the upcoming ones, a weekly series once at its next date', () => {
    const items = [...readPage(dist, '/').querySelectorAll('.maintenance-list li')].map(text);
    expect(items).toEqual([
      expect.stringContaining('Reporting storage migration · In progress until'),
      'Weekly developer docs search reindex · Scheduled Nov 24, 2026, 03:00 UTC – 03:30 UTC · Every week on Tuesday at 03:00 UTC',
      expect.stringContaining('Banking partner maintenance (SEPA payouts) · Scheduled Nov 28, 2026'),
    ]);
    const link = readPage(dist, '/').querySelector('.maintenance-list li:nth-child(2) a');
    expect(link?.getAttribute('href')).toBe(
      '/maintenance/2026-10-06-weekly-docs-search-reindex/#on-2026-11-24',
    );
  });

  test('groups components in collapsible groups, each with a status in words and 90 daily bars', () => {
    const doc = readPage(dist, '/');
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

  test("names each status of the bars in words, once per status, and links the row to the component's page", () => {
    const doc = readPage(dist, '/');
    const checkout = [...doc.querySelectorAll('li.component')].find((r) =>
      text(r).includes('Hosted checkout'),
    );
    const link = checkout?.querySelector('.uptime a');
    expect(link?.getAttribute('href')).toBe('/components/checkout/');
    // The link's name is the summary: uptime and how many days had trouble, not a colour.
    expect(link?.querySelector('svg')?.getAttribute('aria-label')).toMatch(
      /^Hosted checkout: \S+ uptime over the last 90 days; \d+ days? with incidents or maintenance$/,
    );
    expect(checkout?.querySelectorAll('.uptime a')).toHaveLength(1);
    // Every bar is in a group whose title says its status; each status is named once.
    const groups = [...(checkout?.querySelectorAll('.days g[class]:not(.older)') ?? [])];
    const named = groups.map((g) => `${g.getAttribute('class')}: ${text(g.querySelector(':scope > title'))}`);
    expect(named).toContain('major_outage: Major outage');
    expect(named).toContain('operational: Operational');
    for (const g of groups) expect(g.querySelectorAll(':scope > rect').length).toBeGreaterThan(0);
    expect(groups.reduce((sum, g) => sum + g.querySelectorAll(':scope > rect').length, 0)).toBe(90);
  });

  test("the component's page labels a bad day with its status and how many incidents, and links to its history", () => {
    const doc = readPage(dist, '/components/checkout/');
    const day = [...doc.querySelectorAll('.uptime a')].find((a) =>
      text(a.querySelector('title')).startsWith('2026-10-14'),
    );
    expect(text(day?.querySelector('title'))).toBe('2026-10-14: Major outage — 1 incident');
    expect(day?.getAttribute('href')).toBe('/history/component/checkout/');
    expect(doc.querySelectorAll('.uptime rect')).toHaveLength(90);
  });

  test('lists the last 7 days, saying so on quiet days', () => {
    const days = [...readPage(dist, '/').querySelectorAll('.day')];
    expect(days).toHaveLength(7);
    // Started Nov 22, 23:52 and still open: both days point to its card, neither says none.
    expect(text(days[0])).toBe('Nov 23, 2026 Still open: see Active incidents above.');
    expect(text(days[1])).toContain('Still open: see Active incidents above.');
    expect(text(days[2])).toContain('No incidents reported.');
  });

  test('says it is a demo and when the data is from', () => {
    const doc = readPage(dist, '/');
    expect(text(doc.querySelector('.demo-banner'))).toContain('Demo: fictional data');
    expect(doc.querySelector('footer time')?.getAttribute('datetime')).toBe('2026-11-23T01:10:00Z');
  });
});

describe('an incident page', () => {
  test('shows updates newest first with stable anchors', () => {
    const doc = readPage(dist, '/incidents/2026-06-24-payments-api-outage/');
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
    const doc = readPage(dist, '/incidents/2026-06-24-payments-api-outage/');
    expect(text(doc.querySelector('#update-20260624T1455Z .prose strong'))).toBe('idempotency key');
  });

  test('links the published postmortem, or says one is pending', () => {
    const withPm = readPage(dist, '/incidents/2026-06-24-payments-api-outage/');
    expect(withPm.querySelector('a[href="/postmortems/2026-06-24-payments-api-outage/"]')).not.toBeNull();
    const pending = readPage(dist, '/incidents/2026-11-19-payouts-delayed/');
    expect(text(pending.querySelector('main'))).toContain('Postmortem pending.');
  });

  test('a resolved incident leads with "Resolved" and calls its impact the peak; an open one leads with its stage', () => {
    const resolved = readPage(dist, '/incidents/2026-06-24-payments-api-outage/');
    expect(text(resolved.querySelector('main h1 + p'))).toMatch(
      /^Resolved · peak impact ✕ Major outage · Severity P1/,
    );
    const open = readPage(dist, '/incidents/2026-11-22-elevated-api-errors/');
    expect(text(open.querySelector('main h1 + p'))).toMatch(/^Identified · ▲ Partial outage · Severity P2/);
  });

  test('gives durations from the start', () => {
    const doc = readPage(dist, '/incidents/2026-08-31-webhook-deliveries-delayed/');
    expect(text(doc.querySelector('main'))).toContain('Impact lasted 2 hours and 30 minutes.');
  });
});

describe('the history pages', () => {
  test('group incidents by month, newest first, with impact, severity, start and duration', () => {
    const doc = readPage(dist, '/history/');
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
    expect(readPage(dist, '/history/').querySelectorAll('.incident-row')).toHaveLength(25);
    expect(readPage(dist, '/history/2/').querySelectorAll('.incident-row')).toHaveLength(17);
    const payouts = [
      ...readPage(dist, '/history/component/payouts/').querySelectorAll('.incident-row a'),
    ].map(text);
    expect(payouts).toContain('Standard payouts delayed by one business day');
    expect(payouts).not.toContain('Elevated API error rates');
    expect(readPage(dist, '/history/severity/P1/').querySelectorAll('.incident-row')).toHaveLength(2);
  });
});

describe('every built page', () => {
  // Each page parsed once for the checks below (the demo has some 800 pages in eight languages).
  let scanned: Map<string, PageRefs> | undefined;
  const scan = () => (scanned ??= scanPages(dist));

  /**
   * Validating HTML is the costliest check: every page in English and German (the demo as shipped),
   * and in every other language one page of each kind (the same templates, other words).
   */
  const validated = () => {
    const kinds = new Set<string>();
    return pages.filter((page) => {
      const tag = underTag.exec(page)?.[1];
      if (!tag || tag === 'de') return true;
      const kind = page.slice(tag.length + 1).replace(/^([^/]+)\/.+\/index\.html$/, '$1/*');
      if (kinds.has(`${tag} ${kind}`)) return false;
      kinds.add(`${tag} ${kind}`);
      return true;
    });
  };

  test('is valid HTML', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'no-inline-style': 'off', 'long-title': 'off', 'no-trailing-whitespace': 'off' },
    });
    const failures: string[] = [];
    const checked = validated();
    expect(checked.filter((p) => p.startsWith('ja/')).length).toBeGreaterThan(8);
    for (const page of checked) {
      const report = await validator.validateString(readFileSync(join(dist, page), 'utf8'), page);
      for (const result of report.results)
        for (const m of result.messages) failures.push(`${page}:${m.line} ${m.ruleId} ${m.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  test('has no broken internal link or anchor', () => {
    expect(brokenLinks(dist, '/', scan())).toEqual([]);
  });

  test('loads no script and nothing from another origin (links to elsewhere are fine)', () => {
    expect(scan().size).toBe(pages.length);
    for (const [page, refs] of scan()) {
      expect(refs.scripts, page).toBe(0);
      const loads = [
        ...refs.sources,
        ...refs.links
          .filter((l) => l.rel !== '' && !['canonical', 'alternate'].includes(l.rel))
          .map((l) => l.href),
      ];
      expect(
        loads.filter((u) => /^(https?:)?\/\//.test(u)),
        page,
      ).toEqual([]);
    }
  });
});

describe('the demo recurring maintenance page', () => {
  const page = () => readPage(dist, '/maintenance/2026-10-06-weekly-docs-search-reindex/');

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
    const ics = readFileSync(join(dist, 'maintenance.ics'), 'utf8');
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU\r\nEXDATE:20261110T030000Z\r\n');
    expect(ics).toContain('RECURRENCE-ID:20261222T030000Z\r\nDTSTART:20261221T030000Z\r\n');
  });
});

describe('the demo in every shipped language (English at the root, the others under /<tag>/)', () => {
  const site = 'https://status.kestrel.example';
  // Read from the page's source (as Astro writes the tag), not parsed: there are some 800 pages.
  const alternates = (page: string): Record<string, string> =>
    Object.fromEntries(
      [
        ...readFileSync(join(dist, page), 'utf8').matchAll(
          /<link rel="alternate" hreflang="([^"]*)" href="([^"]*)"/g,
        ),
      ].map((m): [string, string] => [m[1]!, m[2]!]),
    );

  test('builds every page once in English at the root and once in each other language under /<tag>/', () => {
    const english = pages.filter((p) => !underTag.test(p) && p !== '404.html').sort();
    expect(english.length).toBeGreaterThan(50);
    for (const tag of OTHERS) {
      const own = pages.filter((p) => p.startsWith(`${tag}/`)).map((p) => p.slice(tag.length + 1));
      expect(own.sort(), tag).toEqual(english);
      expect(readFileSync(join(dist, tag, 'index.html'), 'utf8')).toContain(`<html lang="${tag}"`);
    }
  });

  test('each version names every other with hreflang, and every address is a built page', () => {
    const files = new Set(listFiles(dist));
    const problems: string[] = [];
    for (const page of pages.filter((p) => p !== '404.html')) {
      const own = alternates(page);
      const path = page.replace(/index\.html$/, '').replace(underTag, '');
      const expected: Record<string, string> = Object.fromEntries([
        ...SHIPPED.map((tag): [string, string] => [tag, `${site}/${tag === 'en' ? '' : `${tag}/`}${path}`]),
        ['x-default', `${site}/${path}`],
      ]);
      const sorted = (map: Record<string, string>) => JSON.stringify(Object.entries(map).sort());
      if (sorted(own) !== sorted(expected)) problems.push(`${page}: ${JSON.stringify(own)}`);
      for (const href of Object.values(own)) {
        const file = `${new URL(href).pathname.slice(1)}index.html`;
        if (!files.has(file)) problems.push(`${page} → ${href} is not built`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('the sitemap lists each page with its other languages (xhtml:link hreflang)', () => {
    const sitemap = readFileSync(join(dist, 'sitemap-0.xml'), 'utf8');
    const entry =
      /<url><loc>https:\/\/status\.kestrel\.example\/history\/<\/loc>(.*?)<\/url>/.exec(sitemap)?.[1] ?? '';
    expect(entry).toContain(`hreflang="en" href="${site}/history/"`);
    for (const tag of OTHERS) expect(entry).toContain(`hreflang="${tag}" href="${site}/${tag}/history/"`);
  });

  test('a language switcher links to the same page in every other language, without script', () => {
    const german = readPage(dist, '/de/reports/2026-10/');
    const nav = german.querySelector('nav.languages')!;
    expect(text(nav)).toMatch(/^English Deutsch /);
    expect(nav.querySelector('a[hreflang="en"]')!.getAttribute('href')).toBe('/reports/2026-10/');
    for (const tag of OTHERS.filter((t) => t !== 'de'))
      expect(nav.querySelector(`a[hreflang="${tag}"]`)?.getAttribute('href'), tag).toBe(
        `/${tag}/reports/2026-10/`,
      );
    expect(nav.querySelector('[aria-current="page"]')!.getAttribute('lang')).toBe('de');
  });

  test('the German pages use the German words of incidents and components, and fall back to the original where there are none', () => {
    const german = readPage(dist, '/de/incidents/2026-11-22-elevated-api-errors/');
    expect(text(german.querySelector('h1'))).toBe('Erhöhte Fehlerraten der API');
    expect(text(german.querySelector('#update-20261123T0041Z'))).toContain(
      'Einer von drei API-Clustern in eu-west',
    );
    const english = readPage(dist, '/incidents/2026-11-22-elevated-api-errors/');
    expect(text(english.querySelector('h1'))).toBe('Elevated API error rates');
    const home = readPage(dist, '/de/');
    expect([...home.querySelectorAll('.group-name')].map((e) => text(e))).toEqual([
      'Zahlungen',
      'Entwicklerwerkzeuge',
      'Konten und Daten',
    ]);
    expect(text(home.querySelector('.components'))).toContain('Gehosteter Checkout');
    const untranslated = readPage(dist, '/de/incidents/2026-11-19-payouts-delayed/');
    expect(text(untranslated.querySelector('h1'))).toBe('Standard payouts delayed by one business day');
    expect(text(untranslated.querySelector('h2'))).toBe('Zeitverlauf');
    // A language the demo has no translations for shows what the company wrote.
    const french = readPage(dist, '/fr/incidents/2026-11-22-elevated-api-errors/');
    expect(text(french.querySelector('h1'))).toBe('Elevated API error rates');
  });

  test('feeds come in every language; the API, badges and calendar once, with Statuspage’s words', () => {
    expect(readFileSync(join(dist, 'feed.xml'), 'utf8')).toContain('<language>en</language>');
    for (const tag of OTHERS)
      expect(readFileSync(join(dist, tag, 'feed.xml'), 'utf8'), tag).toContain(`<language>${tag}</language>`);
    const status = JSON.parse(readFileSync(join(dist, 'api/v2/status.json'), 'utf8')) as {
      status: { description: string };
    };
    expect(status.status.description).toBe('Partial System Outage');
    expect(listFiles(dist).filter((p) => underTag.test(p) && /^[^/]+\/(api|badges)\//.test(p))).toEqual([]);
    expect(listFiles(dist).filter((f) => f.endsWith('maintenance.ics'))).toEqual(['maintenance.ics']);
  });
});

describe('a recurring window is told in one wording', () => {
  // The demo's weekly docs search reindex: FREQ=WEEKLY;BYDAY=TU from 03:00 UTC.
  const rule = 'Every week on Tuesday at 03:00 UTC';
  const item = (path: string) =>
    [...readPage(inject('demoDist'), path).querySelectorAll('main li')]
      .map((li) => text(li))
      .find((line) => line.startsWith('Weekly developer docs search reindex'));

  test('its page, the home page and the maintenance list say its rule the same way', () => {
    const page = readPage(inject('demoDist'), '/maintenance/2026-10-06-weekly-docs-search-reindex/');
    expect(text(page.querySelector('main'))).toContain(`Repeats ${rule}`);
    expect(item('/')).toMatch(new RegExp(` · ${rule}$`));
    expect(item('/maintenance/')).toMatch(new RegExp(` · ${rule}$`));
  });
});

describe('link previews in every language', () => {
  test('og:locale is the language with its likely territory, as Open Graph writes it', () => {
    const ogLocale = (tag: string) =>
      readPage(dist, tag === 'en' ? '/' : `/${tag}/`)
        .querySelector('meta[property="og:locale"]')
        ?.getAttribute('content');
    expect(Object.fromEntries(SHIPPED.map((tag) => [tag, ogLocale(tag)]))).toEqual({
      de: 'de_DE',
      en: 'en_US',
      es: 'es_ES',
      fr: 'fr_FR',
      ja: 'ja_JP',
      nl: 'nl_NL',
      'pt-BR': 'pt_BR',
      'zh-CN': 'zh_CN',
    });
  });
});
