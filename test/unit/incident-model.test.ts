import { describe, expect, test } from 'vitest';
import { createIncidentSchema } from '../../src/schemas/incident.ts';
import {
  incidentIndicator,
  incidentMilestones,
  incidentWindows,
  peakSeverity,
} from '../../src/domain/statuses.ts';
import { knownDuration, knownTime } from '../../src/domain/known-time.ts';
import { englishLocale } from '../../src/loader/catalogues.ts';
import { incidentMetrics } from '../../src/domain/metrics.ts';
import { computeUptime, formatPercent } from '../../src/domain/availability.ts';
import { context, NOW, siteContent } from '../helpers/entries.ts';
import { buildMonthlyReport } from '../../src/domain/report.ts';
import { monthContaining } from '../../src/time/dates.ts';
import { baseTree, validate } from '../helpers/tree.ts';

// What real incidents needed (the authoring guide's "Modelling real incidents"), each through the real
// schema as an author writes it.
const schema = (timeZone = 'UTC') => createIncidentSchema({ ...context, timeZone });
const base = {
  title: 'Errors',
  severity: 'P2',
  started: '2026-11-20T14:00:00Z',
  components: [{ id: 'api', impact: 'partial_outage' }],
  updates: [{ at: '2026-11-20T14:05:00Z', status: 'investigating', message: 'Looking.' }],
};
const parse = (fields: Record<string, unknown>, timeZone?: string) => {
  const result = schema(timeZone).safeParse({ ...base, ...fields });
  return {
    data: result.success ? { ...result.data, id: 'x', body: '' } : undefined,
    errors: result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  };
};
const closed = {
  mitigated: '2026-11-20T14:30:00Z',
  resolved: '2026-11-20T15:00:00Z',
  updates: [
    { at: '2026-11-20T14:05:00Z', status: 'investigating', message: 'Looking.' },
    { at: '2026-11-20T15:00:00Z', status: 'resolved', message: 'Fixed.' },
  ],
};
const L = englishLocale('UTC');

describe('a notice without components', () => {
  test('is valid, has no uptime window, and is "none" in the Statuspage API', () => {
    const { data, errors } = parse({ components: undefined });
    expect(errors).toEqual([]);
    expect(data!.components).toEqual([]);
    expect(incidentWindows(data!, NOW)).toEqual([]);
    expect(incidentIndicator(data!)).toBe('none');
  });
});

describe('updates without a status', () => {
  test('keep the status of the update before them, and say they did not state one', () => {
    const { data } = parse({
      updates: [
        { at: '2026-11-20T14:05:00Z', message: 'We are looking into reports.' },
        { at: '2026-11-20T14:10:00Z', status: 'identified', message: 'Found it.' },
        { at: '2026-11-20T14:20:00Z', message: 'Still working on it.' },
      ],
    });
    expect(data!.updates.map((u) => [u.status, u.stated])).toEqual([
      ['investigating', false],
      ['identified', true],
      ['identified', false],
    ]);
  });

  test('may follow the resolving update; an update that changes the status after it may not', () => {
    const after = { at: '2026-11-20T16:00:00Z', message: 'The postmortem is published.' };
    expect(parse({ ...closed, updates: [...closed.updates, after] }).errors).toEqual([]);
    const reopened = { ...after, status: 'monitoring' };
    expect(parse({ ...closed, updates: [...closed.updates, reopened] }).errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('updates.1.status: is "resolved" but later updates change the status'),
      ]),
    );
  });
});

describe('times as precise as they are known', () => {
  test('"about" is kept as approximate, a date as a day in the site\'s zone', () => {
    const { data, errors } = parse(
      { started: 'about 2026-11-20T13:58Z', detected: '2026-11-20' },
      'Europe/Berlin',
    );
    expect(errors).toEqual([]);
    expect(data!.started).toBe(Date.parse('2026-11-20T13:58:00Z'));
    expect(data!.detected).toBe(Date.parse('2026-11-19T23:00:00Z')); // midnight in Berlin
    expect(data!.precision).toEqual({ started: 'about', detected: 'day' });
  });

  test('are said as known: "around", a date, and no invented minute between two approximate times', () => {
    const { data } = parse({ started: 'about 2026-11-20T14:00Z', detected: 'about 2026-11-20T14:01Z' });
    expect(knownTime(L, data!.started, data!.precision.started, 'UTC')).toMatch(/^around .*14:00/);
    const gap = knownDuration(L, data!.detected! - data!.started, [
      data!.precision.detected,
      data!.precision.started,
    ]);
    expect(gap).toBe('at about the same time');
    expect(gap).not.toMatch(/less than a minute/);
    expect(knownDuration(L, 45 * 60_000, ['about', undefined])).toBe('about 45\u00a0minutes');
    expect(knownDuration(L, 45 * 60_000, ['day', undefined])).toBeUndefined();
  });

  test('an impact ending on a day counts to the end of that day', () => {
    const { data } = parse({
      started: '2026-11-20T14:00:00Z',
      mitigated: '2026-11-21',
      resolved: '2026-11-22T00:00:00Z',
      updates: closed.updates.map((u, i) => (i === 1 ? { ...u, at: '2026-11-22T00:00:00Z' } : u)),
    });
    expect(incidentWindows(data!, NOW)[0]!.end).toBe(Date.parse('2026-11-22T00:00:00Z'));
  });
});

describe('signals before impact and recovery after mitigation', () => {
  test('a signal and a detection before impact are valid and come first on the timeline', () => {
    const { data, errors } = parse({ signal: '2026-11-20T13:00:00Z', detected: '2026-11-20T13:45:00Z' });
    expect(errors).toEqual([]);
    expect(incidentMilestones(data!, L).map((m) => m.key)).toEqual(['signal', 'detected', 'started']);
  });

  test('a detection before the first signal, or an acknowledgement before detection, is a mistake', () => {
    expect(parse({ signal: '2026-11-20T13:50:00Z', detected: '2026-11-20T13:45:00Z' }).errors).toEqual([
      'detected: must not be before signal (2026-11-20T13:50:00Z); detected is 2026-11-20T13:45:00Z',
    ]);
  });

  test('a component may recover after mitigation, even after the incident was closed on the page', () => {
    const phase = (to: string) => ({ components: [{ id: 'api', impact: 'partial_outage', to }] });
    const later = parse({ ...closed, ...phase('2026-11-20T14:55:00Z') });
    expect(later.errors).toEqual([]);
    expect(incidentWindows(later.data!, NOW)[0]!.end).toBe(Date.parse('2026-11-20T14:55:00Z'));
    // A postmortem may find impact lasted past the resolving update (Slack, 4 January 2021).
    expect(parse({ ...closed, ...phase('2026-11-20T15:10:00Z') }).errors).toEqual([]);
    expect(parse({ ...closed, ...phase('2026-11-20T14:00:00Z') }).errors).toEqual([
      expect.stringContaining('components.0.to: must be after from'),
    ]);
  });

  test('an update known only to its day may sit anywhere in that day', () => {
    const { data, errors } = parse({
      updates: [
        { at: '2026-11-20T14:05:00Z', status: 'investigating', message: 'Looking.' },
        { at: '2026-11-20', message: 'A post on our blog.' },
      ],
    });
    expect(errors).toEqual([]);
    expect(data!.precision['updates.1.at']).toBe('day');
  });

  test('"to: unknown" says the end is not stated and counts until mitigated', () => {
    const { data } = parse({
      ...closed,
      components: [{ id: 'webhooks', impact: 'degraded_performance', to: 'unknown' }],
    });
    expect(data!.precision['components.0.to']).toBe('unknown');
    expect(incidentWindows(data!, NOW)[0]!.end).toBe(Date.parse('2026-11-20T14:30:00Z'));
  });
});

describe('how much was affected, where, and severity that changed', () => {
  test('a share is kept for uptime, "about" noted; where in a list and in words', () => {
    const { data, errors } = parse({
      ...closed,
      components: [
        { id: 'api', impact: 'partial_outage', share: 85, share_of: 'requests', locations: ['eu-west-1'] },
        { id: 'web', impact: 'partial_outage', share: 'about 80', where: '19 data centers' },
      ],
    });
    expect(errors).toEqual([]);
    expect(incidentWindows(data!, NOW).map((w) => w.share)).toEqual([0.85, 0.8]);
    expect(data!.precision['components.1.share']).toBe('about');
  });

  test('the highest severity is the peak; the last change must be the severity published', () => {
    const changes = [
      { at: '2026-11-20T14:04:00Z', severity: 'P1' },
      { at: '2026-11-20T14:20:00Z', severity: 'P2' },
    ];
    const { data } = parse({ severity_changes: changes });
    expect(peakSeverity(data!, ['P1', 'P2', 'P3', 'P4'])).toBe('P1');
    expect(parse({ severity: 'P3', severity_changes: changes }).errors).toEqual([
      'severity: is "P3" but the last severity change sets "P2"; severity is the one published last',
    ]);
  });
});

describe('response metrics from times as precise as they are', () => {
  test('approximate values are counted as such; a day-precise time or a detection before impact is left out', () => {
    const exact = parse({ detected: '2026-11-20T14:10:00Z' }).data!;
    const about = parse({ started: 'about 2026-11-20T14:00Z', detected: '2026-11-20T14:20:00Z' }).data!;
    const day = parse({ detected: '2026-11-20' }).data!;
    const early = parse({ detected: '2026-11-20T13:50:00Z' }).data!;
    const detect = incidentMetrics([exact, about, day, early]).detect;
    expect(detect).toMatchObject({ count: 2, approximate: 1, imprecise: 2, median: 15 * 60_000 });
  });
});

describe('uptime with a share', () => {
  test('a partial outage of 85 % of requests counts 0.85 of each minute (Fastly, 8 June 2021, by hand)', () => {
    const fastly = createIncidentSchema({ ...context, now: Date.parse('2021-07-01T00:00:00Z') }).parse({
      ...base,
      started: '2021-06-08T09:47:00Z',
      mitigated: '2021-06-08T10:36:00Z',
      resolved: '2021-06-08T12:35:00Z',
      components: [{ id: 'api', impact: 'partial_outage', share: 85, share_of: 'requests' }],
      updates: [
        { at: '2021-06-08T09:58:00Z', status: 'investigating', message: 'Investigating.' },
        { at: '2021-06-08T12:35:00Z', status: 'resolved', message: 'Resolved.' },
      ],
    });
    const june = { start: Date.parse('2021-06-01T00:00:00Z'), end: Date.parse('2021-07-01T00:00:00Z') };
    const weights = { major_outage: 1, partial_outage: 0.3, degraded_performance: 0 };
    const uptime = computeUptime(incidentWindows({ ...fastly, id: 'f', body: '' }, june.end), june, {
      weights,
      maintenance: 'up',
    });
    // 49 minutes × 0.85 = 41.65 of 43,200 minutes: 99.90358… %, floored to 99.903 % (0.3 would give 99.965 %).
    expect(uptime.downtimeMinutes).toBeCloseTo(41.65, 6);
    expect(formatPercent(uptime.ratio, 3)).toBe('99.903%');
  });
});

describe('an update whose text is not available', () => {
  test('is valid without a message, and says so in the site language wherever it is shown', () => {
    const tree = baseTree();
    tree.incidents.push({
      file: 'content/incidents/2026-11-20-unpublished-text.md',
      text: [
        '---',
        'title: Errors',
        'severity: P2',
        'started: 2026-11-20T14:00:00Z',
        'updates:',
        '  - at: 2026-11-20T14:05:00Z',
        '    status: investigating',
        '---',
        '',
      ].join('\n'),
    });
    const result = validate(tree);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const update = result.content!.incidents.find((i) => i.id === '2026-11-20-unpublished-text')!.updates[0]!;
    expect(update).toMatchObject({
      unpublished: true,
      message: '_The text of this update is not available._',
    });
  });
});

describe('a severity that changed, in the monthly report', () => {
  test('an incident raised to P1 and lowered to P3 is listed as P1 where the report lists P1 and P2 only', () => {
    const { data } = parse({
      ...closed,
      severity: 'P3',
      severity_changes: [
        { at: '2026-11-20T14:04:00Z', severity: 'P1' },
        { at: '2026-11-20T14:40:00Z', severity: 'P3' },
      ],
    });
    const content = siteContent({ incidents: [{ ...data!, id: '2026-11-20-errors' }] });
    const site = { ...content.site, report: { ...content.site.report, severities: ['P1', 'P2'] } };
    const report = buildMonthlyReport(
      { ...content, site },
      monthContaining(Date.parse('2026-11-20T00:00:00Z')),
    );
    expect(report.incidents.map((i) => [i.id, i.severity])).toEqual([['2026-11-20-errors', 'P1']]);
  });
});

describe('a postmortem known by its date', () => {
  test('"published: 2017-02-10" is that day, shown as a date, never as midnight', async () => {
    const { createPostmortemSchema } = await import('../../src/schemas/postmortem.ts');
    const pm = createPostmortemSchema({ ...context, timeZone: 'UTC' }).parse({
      incident: 'x',
      published: '2017-02-10',
      summary: 'A summary.',
      impact: { data_loss: 'not_stated' },
      root_causes: ['A cause.'],
      action_items: [{ title: 'Do a thing', type: 'prevent', status: 'open' }],
    });
    expect(pm.published).toBe(Date.parse('2017-02-10T00:00:00Z'));
    expect(pm.published_precision).toBe('day');
    expect(knownTime(L, pm.published!, pm.published_precision, 'UTC')).toBe('Feb 10, 2017');
  });
});

describe('impactLasted: the one duration of every page, card, row, feed and report heading', () => {
  test('exact, approximate, short, and nothing when an end is known only to the day', async () => {
    const { impactLasted } = await import('../../src/domain/known-time.ts');
    const exact = parse(closed).data!;
    expect(impactLasted(L, exact, NOW)).toBe('30\u00a0minutes');
    const about = parse({ ...closed, started: 'about 2026-11-20T13:58Z' }).data!;
    expect(impactLasted(L, about, NOW)).toBe('about 30\u00a0minutes');
    expect(impactLasted(L, about, NOW, 'short')).toBe('about 30m');
    const day = parse({ ...closed, started: '2026-11-20' }).data!;
    expect(impactLasted(L, day, NOW)).toBeUndefined();
    expect(impactLasted(L, day, NOW, 'short')).toBeUndefined();
  });
});

describe('an inexact form written wrong', () => {
  test('is named whole in the message, "about" and all', () => {
    expect(parse({ started: 'about noon' }).errors).toEqual([
      'started: "about noon" is not an ISO 8601 time; write it like 2026-11-20T14:30:00Z',
    ]);
  });
});

describe('a post without a status, as subscribers hear of it', () => {
  test('the feed and the notifications call it an update, never the status it did not state', async () => {
    const { subscriberEvents } = await import('../../src/events/subscriber-events.ts');
    const { eventWords } = await import('../../src/events/event-words.ts');
    const { data } = parse({
      updates: [
        { at: '2026-11-20T14:05:00Z', message: 'We are looking into reports.' },
        { at: '2026-11-20T14:10:00Z', status: 'identified', message: 'Found it.' },
      ],
    });
    const content = siteContent({ incidents: [{ ...data!, id: '2026-11-20-errors' }] });
    const words = subscriberEvents(content)
      .filter((e) => e.type === 'incident_update')
      .map((e) => eventWords(e, content).status);
    expect(words).toEqual(['Update', 'Identified']);
  });
});
