import { englishLocale } from '../../src/loader/catalogues.ts';
import { describe, expect, test } from 'vitest';
import { buildLedger, isOverdue, mergedTimeline, postmortemState } from '../../src/domain/postmortems.ts';
import { NOW, incident, postmortem, siteContent } from '../helpers/entries.ts';

const resolved = (id: string, severity: string) =>
  incident(id, {
    severity,
    started: '2026-11-20T10:00:00Z',
    detected: '2026-11-20T10:04:00Z',
    mitigated: '2026-11-20T11:00:00Z',
    resolved: '2026-11-20T11:30:00Z',
    components: [{ id: 'api', impact: 'major_outage' }],
    updates: [
      { at: '2026-11-20T10:05:00Z', status: 'investigating', message: 'Looking.' },
      { at: '2026-11-20T11:30:00Z', status: 'resolved', message: 'Fixed.' },
    ],
  });

describe('postmortemState', () => {
  test.each([
    ['P1', true, 'published'],
    ['P1', false, 'pending'],
    ['P3', false, 'not-required'],
  ] as const)(
    'a resolved %s incident with a postmortem published: %s is %s',
    (severity, published, state) => {
      const entry = resolved('x', severity);
      const content = siteContent({ incidents: [entry], postmortems: published ? [postmortem('x')] : [] });
      expect(postmortemState(entry, content)).toBe(state);
    },
  );

  test('an open incident owes no postmortem yet', () => {
    const open = incident('o', {
      severity: 'P1',
      started: '2026-11-23T10:00:00Z',
      components: [{ id: 'api', impact: 'major_outage' }],
    });
    expect(postmortemState(open, siteContent({ incidents: [open] }))).toBe('not-required');
  });
});

describe('action items', () => {
  const item = (status: string, due?: string) =>
    postmortem('x', {
      action_items: [
        {
          title: 'T',
          owner: 'Platform team',
          type: 'prevent',
          priority: 'P2',
          status,
          ...(due ? { due } : {}),
        },
      ],
    }).action_items[0]!;

  test.each([
    ['open', '2026-11-22', true],
    ['in_progress', '2026-11-22', true],
    ['open', '2026-11-23', false], // due today: overdue only once the day is over
    ['done', '2026-11-01', false],
    ['wont_do', '2026-11-01', false],
    ['open', undefined, false],
  ] as const)('%s due %s is overdue: %s', (status, due, overdue) => {
    expect(isOverdue(item(status, due), NOW)).toBe(overdue);
  });

  test('the ledger puts overdue items first and counts done-on-time from completed dates', () => {
    const entry = resolved('x', 'P1');
    const pm = postmortem('x', {
      action_items: [
        {
          title: 'Done late',
          owner: 'A team',
          type: 'prevent',
          priority: 'P2',
          status: 'done',
          due: '2026-11-01',
          completed: '2026-11-05',
        },
        {
          title: 'Done early',
          owner: 'A team',
          type: 'detect',
          priority: 'P2',
          status: 'done',
          due: '2026-11-10',
          completed: '2026-11-02',
        },
        {
          title: 'Open, not due',
          owner: 'A team',
          type: 'process',
          priority: 'P3',
          status: 'open',
          due: '2026-12-31',
        },
        {
          title: 'Overdue',
          owner: 'A team',
          type: 'mitigate',
          priority: 'P1',
          status: 'in_progress',
          due: '2026-11-01',
        },
      ],
    });
    const ledger = buildLedger(siteContent({ incidents: [entry], postmortems: [pm] }));
    expect(ledger.items.map((x) => x.item.title)).toEqual([
      'Overdue',
      'Open, not due',
      'Done late',
      'Done early',
    ]);
    expect(ledger).toMatchObject({
      overdue: 1,
      doneWithDue: 2,
      doneOnTime: 1,
      byStatus: { open: 1, in_progress: 1, done: 2, wont_do: 0 },
    });
  });
});

describe('mergedTimeline', () => {
  test('interleaves milestones and public updates in time order', () => {
    expect(mergedTimeline(resolved('x', 'P1'), englishLocale('UTC')).map((e) => e.label)).toEqual([
      'Impact started',
      'Detected',
      'Public update: Investigating',
      'Impact mitigated',
      'Incident resolved',
      'Public update: Resolved',
    ]);
  });
});
