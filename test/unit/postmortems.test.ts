import { englishLocale } from '../../src/loader/catalogues.ts';
import { describe, expect, test } from 'vitest';
import {
  buildLedger,
  describeDataLoss,
  factorsByCategory,
  followUpSummary,
  isOverdue,
  mergedTimeline,
  postmortemState,
  type TimeWords,
} from '../../src/domain/postmortems.ts';
import { ACTION_ITEM_STATUSES } from '../../src/schemas/vocabulary.ts';
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
  test('an update without a status claims none, and says where it was posted', () => {
    const entry = incident('t', {
      started: 'about 2026-11-20T10:00:00Z',
      components: [{ id: 'api', impact: 'major_outage' }],
      updates: [
        { at: '2026-11-20T10:05:00Z', channel: 'Twitter (@kestrel)', message: 'Looking into it.' },
        { at: '2026-11-20T10:30:00Z', status: 'identified', message: 'Found it.' },
      ],
    });
    expect(mergedTimeline(entry, englishLocale('UTC')).map((e) => [e.label, e.precision])).toEqual([
      ['Impact started', 'about'],
      ['Public update · posted on Twitter (@kestrel)', undefined],
      ['Public update: Identified', undefined],
    ]);
  });

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

describe('action items as published (as_of)', () => {
  const DAY = 86_400_000;
  const date = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const item = (fields: Record<string, unknown>) =>
    postmortem('x', { action_items: [{ title: 'T', type: 'prevent', status: 'open', ...fields }] })
      .action_items[0]!;

  test.each([
    // status, due, as_of, overdue
    ['open', '2017-02-01', '2017-02-10', true], // known open after the due date
    ['in_progress', '2017-02-01', '2017-02-02', true],
    ['open', '2017-02-01', '2017-02-01', false], // known open on the due date itself: not late yet
    ['open', '2017-02-01', '2017-01-20', false], // known open only before it: we do not know it is late
    ['done', '2017-02-01', '2017-02-10', false],
    ['wont_do', '2017-02-01', '2017-02-10', false],
    ['open', undefined, '2017-02-10', false],
  ] as const)('%s due %s as of %s is overdue: %s', (status, due, asOf, overdue) => {
    expect(isOverdue(item({ status, ...(due ? { due } : {}) }), NOW, date(asOf))).toBe(overdue);
  });

  test('"overdue" never appears without a known open state after the due date', () => {
    const days = ['2026-11-01', '2026-11-22', '2026-11-23', '2026-11-24'];
    for (const status of ACTION_ITEM_STATUSES)
      for (const due of [undefined, ...days])
        for (const asOf of [undefined, ...days]) {
          const overdue = isOverdue(
            item({ status, ...(due ? { due } : {}) }),
            NOW,
            asOf ? date(asOf) : undefined,
          );
          const knownOpen = status === 'open' || status === 'in_progress';
          const knownAt = asOf ? date(asOf) : NOW;
          const late = due !== undefined && (asOf ? knownAt > date(due) : knownAt >= date(due) + DAY);
          expect(overdue, `${status} due ${due} as of ${asOf}`).toBe(knownOpen && late);
        }
  });

  test("the ledger dates each item by its own as_of, else the postmortem's", () => {
    const pm = postmortem('x', {
      action_items_as_of: '2026-10-10',
      action_items: [
        { title: 'Known open before its due date', type: 'prevent', status: 'open', due: '2026-10-20' },
        {
          title: 'Known open after its due date',
          type: 'prevent',
          status: 'open',
          due: '2026-10-20',
          as_of: '2026-11-01',
        },
      ],
    });
    const ledger = buildLedger(siteContent({ incidents: [resolved('x', 'P1')], postmortems: [pm] }));
    expect(ledger.items.map((x) => [x.item.title, x.overdue, x.asOf])).toEqual([
      ['Known open after its due date', true, date('2026-11-01')],
      ['Known open before its due date', false, date('2026-10-10')],
    ]);
    expect(ledger.overdue).toBe(1);
  });

  test('the follow-up summary says as of when the statuses are dated', () => {
    const locale = englishLocale('UTC');
    const dated = postmortem('x', {
      action_items_as_of: '2017-02-10',
      action_items: [
        { title: 'A', type: 'prevent', status: 'done' },
        { title: 'B', type: 'prevent', status: 'open' },
      ],
    });
    expect(followUpSummary(dated, locale)).toBe('1 of 2 follow-ups done as of Feb 10, 2017');
    expect(followUpSummary(postmortem('x'), locale)).toBe('0 of 1 follow-up done');
  });
});

describe('data loss as written', () => {
  const locale = englishLocale('UTC');
  const words: TimeWords = (at, precision) =>
    precision === 'day' ? locale.date(at) : `${precision === 'about' ? 'around ' : ''}${locale.dateTime(at)}`;
  const read = (data_loss: unknown) =>
    describeDataLoss(postmortem('x', { impact: { data_loss } }).impact!.data_loss!, locale, words);

  test.each([
    [false, 'No customer data was lost.'],
    ['none', 'No customer data was lost.'],
    [true, 'Yes, customer data was lost.'],
    ['some', 'Yes, customer data was lost.'],
    ['unknown', 'It is not known whether any customer data was lost.'],
    ['not_stated', 'The postmortem does not say whether any data was lost.'],
  ])('%s says "%s"', (written, sentence) => {
    expect(read(written)).toEqual({ sentence, facts: [] });
  });

  test('with none, the data named is not called lost', () => {
    expect(read({ extent: 'none', what: 'User data', not_affected: 'Git repository data' })).toEqual({
      sentence: 'No customer data was lost.',
      facts: [
        { label: 'Data in question', text: 'User data' },
        { label: 'Not affected', text: 'Git repository data' },
      ],
    });
  });

  test('"no data was lost" is said only for none or false', () => {
    for (const extent of ['some', 'unknown', 'not_stated', true])
      expect(read(extent).sentence).not.toMatch(/\bno\b.*\blost\b/i);
  });

  test('the detail is shown as written: what, when, how much, not affected', () => {
    expect(
      read({
        extent: 'some',
        what: 'Database records',
        from: 'about 2017-01-31T17:20Z',
        to: '2017-01-31',
        count: 'about 5,000 projects',
        not_affected: 'Git repositories and wikis',
      }),
    ).toEqual({
      sentence: 'Yes, customer data was lost.',
      facts: [
        { label: 'What was lost', text: 'Database records' },
        { label: 'When', text: 'from around Jan 31, 2017, 17:20 UTC to Jan 31, 2017' },
        { label: 'How much', text: 'about 5,000 projects' },
        { label: 'Not affected', text: 'Git repositories and wikis' },
      ],
    });
    expect(
      read({ extent: 'unknown', what: 'Webhook payloads', to: '2017-01-31T23:25Z', count: 5000 }).facts,
    ).toEqual([
      { label: 'Data in question', text: 'Webhook payloads' },
      { label: 'When', text: 'until Jan 31, 2017, 23:25 UTC' },
      { label: 'How much', text: '5,000' },
    ]);
  });
});

describe('factorsByCategory', () => {
  test('only categorised factors are drawn; plain ones are left to the list', () => {
    const pm = postmortem('x', {
      contributing_factors: [
        'Plain text',
        { category: 'tools', description: 'Tool' },
        { description: 'No category' },
      ],
    });
    expect(factorsByCategory(pm).filter((g) => g.descriptions.length > 0)).toEqual([
      { category: 'tools', descriptions: ['Tool'] },
    ]);
  });
});
