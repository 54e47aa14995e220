import { describe, expect, test } from 'vitest';
import { orderContent, type SiteContent } from '../../src/domain/content.ts';
import { monthOf } from '../../src/time/dates.ts';
import { buildMonthlyReport, reportJson, reportMonths } from '../../src/domain/report.ts';
import { componentSchema } from '../../src/schemas/component.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import { createIncidentSchema, type IncidentEntry } from '../../src/schemas/incident.ts';
import { englishLocale } from '../../src/loader/catalogues.ts';

const NOW = Date.parse('2028-03-10T12:00:00Z');
const components = [
  componentSchema.parse({ id: 'api', name: 'API', since: '2027-01-01', slo: 99.9 }),
  componentSchema.parse({ id: 'web', name: 'Website', since: '2028-02-15' }),
];
const schema = createIncidentSchema({
  now: NOW,
  componentIds: new Set(['api', 'web']),
  severityIds: new Set(['P1', 'P2', 'P3', 'P4']),
});

function incident(
  id: string,
  severity: string,
  started: string,
  mitigated: string | undefined,
  impacts: [string, string][],
): IncidentEntry {
  const data = schema.parse({
    title: `Incident ${id}`,
    severity,
    started,
    ...(mitigated ? { mitigated, resolved: mitigated } : {}),
    components: impacts.map(([cid, impact]) => ({ id: cid, impact })),
    updates: [
      { at: started, status: mitigated ? 'resolved' : 'investigating', message: `What happened in ${id}.` },
    ],
  });
  return { ...data, id, body: '' };
}

function content(incidents: IncidentEntry[], report: { severities?: string[] } = {}): SiteContent {
  return orderContent({
    site: siteSchema.parse({
      name: 'Acme',
      url: 'https://status.acme.example',
      description: 'Tests.',
      report,
    }),
    locale: englishLocale('UTC'),
    locales: [englishLocale('UTC')],
    components,
    incidents,
    maintenance: [],
    postmortems: [],
    clock: { now: NOW, source: 'STATUSMARK_NOW' },
    base: '/',
  });
}

const report = (c: SiteContent, year: number, month: number) =>
  buildMonthlyReport(c, monthOf(year, month - 1));
const api = (r: ReturnType<typeof report>) => r.components.find((c) => c.id === 'api')!;

describe('a 31-day month with overlapping incidents and one crossing into the next month', () => {
  const c = content([
    incident('a', 'P2', '2027-10-03T10:00:00Z', '2027-10-03T10:40:00Z', [['api', 'major_outage']]),
    incident('b', 'P3', '2027-10-03T10:20:00Z', '2027-10-03T11:20:00Z', [['api', 'partial_outage']]),
    incident('d', 'P3', '2027-10-31T23:30:00Z', '2027-11-01T01:30:00Z', [['api', 'partial_outage']]),
  ]);
  const october = report(c, 2027, 10);
  const november = report(c, 2027, 11);

  test('the opening sentence counts the incidents in words', () => {
    expect(october.title).toBe('Acme availability report: October 2027');
    expect(october.opening).toBe(
      'In October 2027, we experienced three incidents across Acme services: one major outage and two partial outages.',
    );
  });

  test('without a postmortem, what happened is computed from the impact windows and the updates', () => {
    expect(october.incidents[0]?.whatHappened).toBe(
      'From 10:00 UTC on October 3 to 10:40 UTC on October 3, API had a major outage. What happened in a.',
    );
    expect(october.incidents[0]?.mitigation).toBe(
      'Impact was mitigated at 10:40 UTC on October 3 and the incident was resolved at 10:40 UTC on October 3.',
    );
  });

  test('headings give the start and the computed duration', () => {
    expect(october.incidents.map((i) => i.heading)).toEqual([
      'October 3 10:00 UTC (lasting 40\u00a0minutes)',
      'October 3 10:20 UTC (lasting 1\u00a0hour)',
      'October 31 23:30 UTC (lasting 2\u00a0hours)',
    ]);
  });

  test('overlaps count once: major 40 min, partial 40 + 30 min, 61 weighted minutes', () => {
    expect(api(october).uptime.minutesByStatus).toMatchObject({ major_outage: 40, partial_outage: 70 });
    expect(api(october).uptime.downtimeMinutes).toBeCloseTo(61, 9);
    expect(api(october).uptime.ratio).toBeCloseTo(1 - 61 / 44_640, 12);
  });

  test('the error budget uses the real month length: 44 m 38.4 s at 99.9 % in 31 days', () => {
    expect(api(october).budgetMinutes).toBeCloseTo(44.64, 9);
    expect(api(october).budgetLeftMinutes).toBeCloseTo(44.64 - 61, 9);
    expect(api(october).byIncident.map((b) => [b.incidentId, Math.round(b.minutes * 10) / 10])).toEqual([
      ['a', 40],
      ['b', 18],
      ['d', 9],
    ]);
  });

  test('the incident crossing into November is listed in October, and November gets its remaining minutes', () => {
    expect(november.incidents).toEqual([]);
    expect(november.opening).toBe(
      'In November 2027, we experienced no incidents that affected Acme services.',
    );
    expect(api(november).uptime.minutesByStatus.partial_outage).toBe(90);
    expect(api(november).uptime.downtimeMinutes).toBeCloseTo(27, 9);
    expect(api(november).budgetMinutes).toBeCloseTo(43.2, 9); // 30 days
  });

  test('the union sweeps every component together', () => {
    expect(october.union.downtimeMinutes).toBeCloseTo(61, 9);
  });

  test('a past month with only closed incidents is not provisional', () => {
    expect(october.provisional).toBe(false);
  });
});

describe('February, leap years and mid-month starts', () => {
  test('a 28-day February has a 40 m 19.2 s budget at 99.9 %', () => {
    expect(api(report(content([]), 2027, 2)).budgetMinutes).toBeCloseTo(40.32, 9);
    expect(monthOf(2027, 1).minutes).toBe(28 * 1440);
  });

  test('a leap-day incident is in February of a leap year, which has 29 days', () => {
    const c = content([
      incident('leap', 'P2', '2028-02-29T06:00:00Z', '2028-02-29T07:10:00Z', [['api', 'major_outage']]),
    ]);
    const february = report(c, 2028, 2);
    expect(february.month.minutes).toBe(29 * 1440);
    expect(february.incidents[0]?.heading).toBe(
      'February 29 06:00 UTC (lasting 1\u00a0hour and 10\u00a0minutes)',
    );
    expect(api(february).uptime.ratio).toBeCloseTo(1 - 70 / (29 * 1440), 12);
  });

  test('a component whose since falls mid-month is measured from that day only', () => {
    const c = content([
      incident('w', 'P3', '2028-02-20T00:00:00Z', '2028-02-20T01:00:00Z', [['web', 'major_outage']]),
    ]);
    const web = report(c, 2028, 2).components.find((x) => x.id === 'web')!;
    expect(web.uptime.eligibleMinutes).toBe(15 * 1440); // Feb 15–29
    expect(web.uptime.ratio).toBeCloseTo(1 - 60 / (15 * 1440), 12);
    expect(web.budgetMinutes).toBeUndefined(); // no SLO
  });
});

describe('report wording', () => {
  test('the opening counts each incident once at its peak impact, in words', () => {
    const c = content([
      incident('a', 'P2', '2027-06-01T00:00:00Z', '2027-06-01T01:00:00Z', [
        ['api', 'degraded_performance'],
        ['api', 'major_outage'],
      ]),
      incident('b', 'P2', '2027-06-02T00:00:00Z', '2027-06-02T01:00:00Z', [['api', 'degraded_performance']]),
      incident('c', 'P3', '2027-06-03T00:00:00Z', '2027-06-03T01:00:00Z', [['api', 'degraded_performance']]),
    ]);
    expect(report(c, 2027, 6).opening).toBe(
      'In June 2027, we experienced three incidents across Acme services: one major outage and two with degraded performance.',
    );
  });
});

describe('listing rules', () => {
  test('severities the site excludes are not listed but still count in the minutes', () => {
    const c = content(
      [
        incident('big', 'P1', '2027-06-01T00:00:00Z', '2027-06-01T01:00:00Z', [['api', 'major_outage']]),
        incident('small', 'P4', '2027-06-02T00:00:00Z', '2027-06-02T01:00:00Z', [['api', 'major_outage']]),
      ],
      { severities: ['P1', 'P2'] },
    );
    const june = report(c, 2027, 6);
    expect(june.incidents.map((i) => i.id)).toEqual(['big']);
    expect(june.opening).toBe(
      'In June 2027, we experienced one incident across Acme services: a major outage.',
    );
    expect(june.unlistedCount).toBe(1);
    expect(api(june).uptime.downtimeMinutes).toBe(120);
  });

  test('an incident still open at the build clock makes the month provisional and counts up to now', () => {
    const c = content([
      incident('open', 'P2', '2028-03-10T11:00:00Z', undefined, [['api', 'partial_outage']]),
    ]);
    const march = report(c, 2028, 3);
    expect(march.provisional).toBe(true);
    expect(march.provisionalReasons).toEqual(['the month is not over', 'a listed incident is still open']);
    expect(march.incidents[0]?.heading).toBe('March 10 11:00 UTC (ongoing, 1\u00a0hour so far)');
    expect(api(march).uptime.minutesByStatus.partial_outage).toBe(60);
  });

  test('a report exists for every month from the first to the current one', () => {
    const months = reportMonths(content([]));
    expect(months[0]?.key).toBe('2027-01');
    expect(months.at(-1)?.key).toBe('2028-03');
    expect(months).toHaveLength(15);
  });
});

describe('response metrics', () => {
  test('median and p90 with the count, from the incidents listed', () => {
    const incidents = [5, 10, 20, 60].map((minutes, i) => {
      const started = Date.parse('2027-05-01T00:00:00Z') + i * 86_400_000;
      const entry = incident(
        `m${i}`,
        'P3',
        new Date(started).toISOString(),
        new Date(started + minutes * 60_000).toISOString(),
        [['api', 'degraded_performance']],
      );
      return entry;
    });
    const may = report(content(incidents), 2027, 5);
    expect(may.metrics.mitigate).toEqual({ count: 4, median: 15 * 60_000, p90: 60 * 60_000 });
    expect(may.metrics.detect).toEqual({ count: 0, median: undefined, p90: undefined });
  });
});

describe('the JSON', () => {
  test('carries the same figures as the model', () => {
    const c = content([
      incident('a', 'P2', '2027-10-03T10:00:00Z', '2027-10-03T10:40:00Z', [['api', 'major_outage']]),
    ]);
    const october = report(c, 2027, 10);
    const json = reportJson(october, {
      page: 'p',
      incident: (id) => `i/${id}`,
      postmortem: (id) => `pm/${id}`,
    });
    expect(json.incidents[0]).toMatchObject({
      heading: october.incidents[0]!.heading.replaceAll('\u00a0', ' '),
      duration_minutes: 40,
      url: 'i/a',
    });
    expect(json.components[0]).toMatchObject({
      availability: '99.910%',
      weighted_downtime_minutes: 40,
      error_budget_minutes: 44.64,
    });
  });
});

describe('number words', () => {
  const english = englishLocale('UTC');
  test.each([
    [0, 'zero'],
    [1, 'one'],
    [3, 'three'],
    [9, 'nine'],
    [10, '10'],
    [23, '23'],
    [1234, '1,234'],
  ])('%i is "%s"', (n, words) => {
    expect(english.words(n)).toBe(words);
  });

  test.each([
    [1, 'one partial outage'],
    [2, 'two partial outages'],
    [12, '12 partial outages'],
  ])('%i partial outages read "%s"', (n, words) => {
    expect(english.t('report.kind.partial_outage', { count: n })).toBe(words);
  });
});
