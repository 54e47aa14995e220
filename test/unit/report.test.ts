import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { orderContent, type SiteContent } from '../../src/domain/content.ts';
import { monthOf } from '../../src/time/dates.ts';
import { budgetSentence, buildMonthlyReport, reportJson, reportMonths } from '../../src/domain/report.ts';
import type { PostmortemEntry } from '../../src/schemas/postmortem.ts';
import * as entries from '../helpers/entries.ts';
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

function content(
  incidents: IncidentEntry[],
  report: { severities?: string[] } = {},
  timeZone = 'UTC',
): SiteContent {
  return orderContent({
    site: siteSchema.parse({
      name: 'Acme',
      url: 'https://status.acme.example',
      description: 'Tests.',
      time_zone: timeZone,
      report,
    }),
    locale: englishLocale(timeZone),
    locales: [englishLocale(timeZone)],
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

  test('without a postmortem, what happened is computed from the impact windows, not quoted from updates', () => {
    expect(october.incidents[0]?.whatHappened).toBe(
      'From 10:00 UTC on October 3 to 10:40 UTC on October 3, API had a major outage.',
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

  test('the incident crossing into November is listed in both months, each saying so', () => {
    expect(october.incidents.at(-1)?.continuesInto).toBe('Its impact continued into November 2027.');
    expect(november.incidents.map((i) => i.id)).toEqual(['d']);
    expect(november.incidents[0]?.continuedFrom).toBe(
      'Continued from October 31: 1\u00a0hour and 30\u00a0minutes of its impact fell in November 2027.',
    );
    expect(november.opening).toBe(
      'In November 2027, we experienced one incident across Acme services: a partial outage. It began on October 31 and continued into November 2027.',
    );
    // Response times count it once, in October, where it started.
    expect(november.metrics.mitigate.count).toBe(0);
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
    expect(may.metrics.mitigate).toMatchObject({ count: 4, median: 15 * 60_000, p90: 60 * 60_000 });
    expect(may.metrics.detect).toMatchObject({ count: 0, median: undefined, p90: undefined });
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

describe('an outage that began on the last day of the month before', () => {
  // 18 hours down: from 18:00 on January 31 to 12:00 on February 1; nothing else in February.
  const c = content([
    incident('jan31', 'P1', '2028-01-31T18:00:00Z', '2028-02-01T12:00:00Z', [['api', 'major_outage']]),
  ]);
  const february = report(c, 2028, 2);

  test('is listed in February, saying it continued from January 31', () => {
    expect(february.incidents.map((i) => i.id)).toEqual(['jan31']);
    expect(february.incidents[0]?.heading).toBe('January 31 18:00 UTC (lasting 18\u00a0hours)');
    expect(february.incidents[0]?.continuedFrom).toBe(
      'Continued from January 31: 12\u00a0hours of its impact fell in February 2028.',
    );
  });

  test('the prose never says there were no incidents beside the downtime in the table', () => {
    expect(api(february).uptime.downtimeMinutes).toBe(12 * 60);
    expect(february.opening).not.toMatch(/no incidents/);
    expect(february.opening).toBe(
      'In February 2028, we experienced one incident across Acme services: a major outage. It began on January 31 and continued into February 2028.',
    );
    expect(february.provisional).toBe(false);
  });

  test('the JSON says so too', () => {
    const json = reportJson(february, { page: 'p', incident: (id) => id, postmortem: (id) => id });
    expect(json.incidents[0]?.continued_from).toBe(
      'Continued from January 31: 12 hours of its impact fell in February 2028.',
    );
    expect(json.rules.incidents_listed_in).toMatch(/^every month their impact touched/);
  });
});

describe('whatever the incidents, the opening agrees with the table', () => {
  const HOUR = 3_600_000;
  const base = Date.parse('2027-06-01T00:00:00Z');
  const arb = fc.array(
    fc.record({
      // From mid-April to mid-August, around month bounds, lasting up to four days.
      offset: fc.integer({ min: -45 * 24, max: 75 * 24 }),
      hours: fc.integer({ min: 1, max: 96 }),
      severity: fc.constantFrom('P1', 'P4'),
      impact: fc.constantFrom('major_outage', 'partial_outage', 'degraded_performance'),
    }),
    { maxLength: 4 },
  );

  test('never "no incidents" when a component was affected; the counts cover every affected month', () => {
    fc.assert(
      fc.property(arb, (specs) => {
        const incidents = specs.map((spec, i) => {
          const start = base + spec.offset * HOUR;
          return incident(
            `p${i}`,
            spec.severity,
            new Date(start).toISOString(),
            new Date(start + spec.hours * HOUR).toISOString(),
            [['api', spec.impact]],
          );
        });
        const c = content(incidents, { severities: ['P1', 'P2'] });
        for (const month of [5, 6, 7]) {
          const r = report(c, 2027, month);
          const affected = Object.entries(api(r).uptime.minutesByStatus).some(
            ([status, minutes]) => status !== 'operational' && minutes > 0,
          );
          if (affected) {
            expect(r.opening).not.toMatch(/no incidents/);
            expect(r.incidents.length + r.unlistedCount).toBeGreaterThan(0);
          } else expect(r.incidents.length + r.unlistedCount).toBe(0);
        }
      }),
    );
  });

  test('a month with only lower-severity incidents says so, not "no incidents"', () => {
    const c = content(
      [incident('small', 'P4', '2027-06-02T00:00:00Z', '2027-06-02T01:00:00Z', [['api', 'major_outage']])],
      { severities: ['P1', 'P2'] },
    );
    expect(report(c, 2027, 6).opening).toBe(
      'In June 2027, no incident of severity P1 or P2 affected Acme services; one lower-severity incident did.',
    );
  });
});

describe('one time zone per report: the site’s', () => {
  // 23:30 UTC on October 31 is 00:30 on November 1 in Berlin.
  const c = content(
    [incident('late', 'P2', '2027-10-31T23:30:00Z', '2027-11-01T00:10:00Z', [['api', 'major_outage']])],
    {},
    'Europe/Berlin',
  );
  const november = buildMonthlyReport(
    c,
    reportMonths(c).find((m) => m.key === '2027-11')!,
  );

  test('the month is Berlin’s November, and the report names its zone', () => {
    expect(november.month.start).toBe(Date.parse('2027-10-31T23:00:00Z'));
    expect(november.timeZone).toBe('Europe/Berlin');
    expect(november.timeZoneNote).toBe('All times are in Europe/Berlin.');
  });

  test('headings and prose give times in that zone', () => {
    const late = november.incidents[0]!;
    expect(late.heading).toBe('November 1 00:30 CET (lasting 40\u00a0minutes)');
    expect(late.whatHappened).toBe(
      'From 00:30 CET on November 1 to 01:10 CET on November 1, API had a major outage.',
    );
    expect(late.continuedFrom).toBeUndefined();
  });

  test('the JSON names the zone of its months', () => {
    const json = reportJson(november, { page: 'p', incident: (id) => id, postmortem: (id) => id });
    expect(json.time_zone).toBe('Europe/Berlin');
    expect(json.rules.minutes).toBe('clipped to each calendar month in Europe/Berlin');
  });
});

describe('the cause quotes only durable text', () => {
  const updates = [
    {
      at: '2026-10-05T10:05:00Z',
      status: 'investigating',
      message: 'We are looking into failed payments. Next update by 10:35 UTC.',
      next_update: '2026-10-05T10:35:00Z',
    },
    {
      at: '2026-10-05T10:30:00Z',
      status: 'identified',
      message: 'A certificate expired. Next update by 11:00 UTC.',
      next_update: '2026-10-05T11:00:00Z',
    },
    { at: '2026-10-05T11:00:00Z', status: 'resolved', message: 'Fixed.' },
  ];
  const expired = entries.incident('expired', {
    started: '2026-10-05T10:00:00Z',
    mitigated: '2026-10-05T10:50:00Z',
    resolved: '2026-10-05T11:00:00Z',
    components: [{ id: 'api', impact: 'major_outage' }],
    updates,
  });
  const october = (postmortems: PostmortemEntry[]) =>
    buildMonthlyReport(entries.siteContent({ incidents: [expired], postmortems }), monthOf(2026, 9))
      .incidents[0]!;

  test('without a postmortem there is no cause, and no update’s promise is quoted', () => {
    const described = october([]);
    expect(described.cause).toBeUndefined();
    expect(JSON.stringify(described)).not.toMatch(/Next update/);
  });

  test('with one, the cause is its trigger and root causes', () => {
    const described = october([
      entries.postmortem('expired', {
        trigger: 'The API’s TLS certificate expired.',
        root_causes: ['Renewal depended on a job that had been switched off.'],
      }),
    ]);
    expect(described.cause).toBe(
      'The API’s TLS certificate expired. Renewal depended on a job that had been switched off.',
    );
    expect(JSON.stringify(described)).not.toMatch(/Next update/);
  });
});

describe('no invented past: time before a component’s since', () => {
  // API's history starts on 2027-01-01, the website's on 2028-02-15.
  test('a month wholly before a component’s since is no data, not 100 %', () => {
    const june = report(content([]), 2027, 6);
    const web = june.components.find((x) => x.id === 'web')!;
    expect(web.uptime.noData).toBe(true);
    expect(web.uptime.eligibleMinutes).toBe(0);
    expect(budgetSentence(web, englishLocale('UTC'))).toBe('No data');
    const json = reportJson(june, { page: 'p', incident: (id) => id, postmortem: (id) => id });
    expect(json.components.find((x) => x.id === 'web')).toMatchObject({
      availability: null,
      availability_ratio: null,
      no_data: true,
    });
    expect(json.components.find((x) => x.id === 'api')).toMatchObject({
      availability: '100.000%',
      no_data: false,
    });
  });

  test('a month before every component’s history says there is no data, not "no incidents"', () => {
    const december = report(content([]), 2026, 12);
    expect(december.union.noData).toBe(true);
    expect(december.opening).toBe(
      'There is no availability data for December 2026: the history of Acme services starts on Jan 1, 2027.',
    );
  });
});
