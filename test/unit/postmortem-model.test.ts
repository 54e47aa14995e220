import { describe, expect, test } from 'vitest';
import { createPostmortemSchema } from '../../src/schemas/postmortem.ts';
import { formatProblem } from '../../src/loader/problem.ts';
import { context } from '../helpers/entries.ts';
import { baseTree, validate } from '../helpers/tree.ts';

const schema = createPostmortemSchema({ ...context, incidentIds: new Set(['x']), timeZone: 'Europe/Berlin' });

/** A draft with some fields, read by the real schema. */
const draft = (fields: Record<string, unknown>) => schema.parse({ incident: 'x', draft: true, ...fields });

/** The messages of a draft that does not pass, as "path message". */
function mistakes(fields: Record<string, unknown>): string[] {
  const result = schema.safeParse({ incident: 'x', draft: true, ...fields });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
}

const PUBLISHED = {
  incident: 'x',
  published: '2026-11-22T10:00:00Z',
  summary: 'What happened.',
  root_causes: ['A cause.'],
  action_items: [{ title: 'Fix it', type: 'prevent', status: 'open' }],
};

describe('impact.data_loss', () => {
  test.each([
    [true, { extent: 'some' }],
    [false, { extent: 'none' }],
    ['none', { extent: 'none' }],
    ['some', { extent: 'some' }],
    ['unknown', { extent: 'unknown' }],
    ['not_stated', { extent: 'not_stated' }],
  ])('%s reads as %o', (written, read) => {
    expect(draft({ impact: { data_loss: written } }).impact?.data_loss).toEqual({ ...read, precision: {} });
  });

  test('the detail keeps what, when (as precisely as written), how much and what was not affected', () => {
    const loss = draft({
      impact: {
        data_loss: {
          extent: 'some',
          what: 'Database records',
          from: 'about 2017-01-31T17:20Z',
          to: '2017-01-31',
          count: 'about 5,000 projects',
          not_affected: 'Git repositories and wikis',
        },
      },
    }).impact?.data_loss;
    expect(loss).toEqual({
      extent: 'some',
      what: 'Database records',
      from: Date.parse('2017-01-31T17:20:00Z'),
      // A date is that day in the site's zone (Berlin: the day starts at 23:00 UTC the evening before).
      to: Date.parse('2017-01-30T23:00:00Z'),
      precision: { from: 'about', to: 'day' },
      count: 'about 5,000 projects',
      not_affected: 'Git repositories and wikis',
    });
  });

  test('a count may be a number', () => {
    expect(draft({ impact: { data_loss: { extent: 'some', count: 700 } } }).impact?.data_loss?.count).toBe(
      700,
    );
  });

  test('a wrong word names every allowed answer', () => {
    expect(mistakes({ impact: { data_loss: 'yes' } })).toEqual([
      'impact.data_loss must be true, false, none, some, unknown or not_stated (the postmortem does not say), or a mapping with extent:; got the text "yes"',
    ]);
  });

  test('a mistake inside the detail is named with its field', () => {
    expect(mistakes({ impact: { data_loss: { extent: 'sme' } } })).toEqual([
      'impact.data_loss extent must be one of "none", "some", "unknown", "not_stated", got the text "sme"',
    ]);
    expect(mistakes({ impact: { data_loss: { what: 'Records' } } })).toEqual([
      'impact.data_loss needs "extent:", one of "none", "some", "unknown", "not_stated"',
    ]);
    expect(mistakes({ impact: { data_loss: { extent: 'some', from: '2017-01-31T17:20' } } })[0]).toContain(
      'from "2017-01-31T17:20" has no time zone',
    );
  });

  test('the window runs forwards and lies before the build clock', () => {
    expect(
      mistakes({
        impact: { data_loss: { extent: 'some', from: '2017-02-01T12:00Z', to: '2017-02-01T11:00Z' } },
      }),
    ).toEqual(['impact.data_loss.to must not be before from (2017-02-01T12:00:00Z)']);
    expect(mistakes({ impact: { data_loss: { extent: 'some', to: '2030-01-01T00:00Z' } } })[0]).toMatch(
      /^impact\.data_loss\.to .* is after the build clock/,
    );
  });

  test('a published postmortem must answer it; not_stated is an answer', () => {
    const answer = (data_loss?: unknown) =>
      schema.safeParse({ ...PUBLISHED, impact: { description: 'All down.', data_loss } });
    expect(answer().error?.issues.map((i) => i.message)).toEqual([
      'is required (true or false) for a published postmortem; write none, some or unknown, or not_stated when the postmortem does not say',
    ]);
    expect(answer('not_stated').success).toBe(true);
  });
});

describe('action items as published', () => {
  test('owner and priority may be left out; as_of dates the status', () => {
    const pm = draft({
      action_items_as_of: '2017-02-10',
      action_items: [{ title: 'Test restores', type: 'prevent', status: 'open', as_of: '2017-03-01' }],
    });
    expect(pm.action_items_as_of).toBe(Date.parse('2017-02-10T00:00:00Z'));
    expect(pm.action_items[0]).toEqual({
      title: 'Test restores',
      type: 'prevent',
      status: 'open',
      as_of: Date.parse('2017-03-01T00:00:00Z'),
    });
  });

  test('an owner that is given must still name someone', () => {
    expect(
      mistakes({ action_items: [{ title: 'T', type: 'prevent', status: 'open', owner: 'TBD' }] }),
    ).toEqual([
      'action_items.0.owner must name a person or a team (such as "@dana" or "Platform team"), not a placeholder',
    ]);
  });

  test('a status cannot be known in the future', () => {
    expect(mistakes({ action_items_as_of: '2030-01-01' })).toEqual([
      'action_items_as_of is in the future; set it to the date the statuses were last known',
    ]);
  });
});

describe('analyses as written', () => {
  test('five whys as a list of answers is one chain without a question', () => {
    expect(draft({ five_whys: ['A', 'B'] }).five_whys).toEqual([{ answers: ['A', 'B'] }]);
    expect(draft({}).five_whys).toEqual([]);
  });

  test('several chains keep their questions and order', () => {
    const chains = [
      { question: 'Why was data lost?', answers: ['A directory was deleted on the wrong server.'] },
      { question: 'Why did recovery take 18 hours?', answers: ['The copy was slow.', 'Disks were slow.'] },
    ];
    expect(draft({ five_whys: chains }).five_whys).toEqual(chains);
  });

  test('answers and chains are not mixed in one list', () => {
    expect(mistakes({ five_whys: ['A', { question: 'Why?', answers: ['B'] }] })).toEqual([
      'five_whys mixes answers and chains; write either one chain as a list of answers, or every chain as question: with answers:',
    ]);
    expect(mistakes({ five_whys: [{ question: 'Why?', answer: ['B'] }] })).toEqual([
      'five_whys.0 needs "answers:"',
    ]);
  });

  test('contributing factors may be plain text, and keep their order', () => {
    expect(
      draft({
        contributing_factors: [
          'Backups to S3 had silently failed for months',
          { category: 'tools', description: 'The replication tool gave no clear error.' },
          { description: 'No one owned the backups.' },
        ],
      }).contributing_factors,
    ).toEqual([
      { description: 'Backups to S3 had silently failed for months' },
      { category: 'tools', description: 'The replication tool gave no clear error.' },
      { description: 'No one owned the backups.' },
    ]);
  });

  test('a wrong category names the categories', () => {
    expect(mistakes({ contributing_factors: [{ category: 'tool', description: 'D.' }] })).toEqual([
      'contributing_factors.0 category must be one of "people", "process", "tools", "environment", "materials", "measurement", got the text "tool"',
    ]);
  });

  test('a defence may hold partly and say what it is for; held: true and false read as before', () => {
    const defenses = draft({
      defenses: [
        { layer: 'Backups', held: false, purpose: 'recover' },
        { layer: 'Monitoring', held: 'partly', purpose: 'detect' },
        { layer: 'Review', held: true },
      ],
    }).defenses;
    expect(defenses.map((d) => [d.layer, d.held, d.result, d.purpose])).toEqual([
      ['Backups', false, 'failed', 'recover'],
      ['Monitoring', 'partly', 'partly', 'detect'],
      ['Review', true, 'held', undefined],
    ]);
  });

  test('a wrong held or purpose names the allowed values', () => {
    expect(mistakes({ defenses: [{ layer: 'L', held: 'partially' }] })).toEqual([
      'defenses.0.held must be true, false or partly; got the text "partially"',
    ]);
    expect(
      schema.safeParse({ incident: 'x', draft: true, defenses: [{ layer: 'L', held: true, purpose: 'fix' }] })
        .error?.issues[0],
    ).toMatchObject({
      path: ['defenses', 0, 'purpose'],
      values: ['prevent', 'detect', 'mitigate', 'recover'],
    });
  });
});

describe('check', () => {
  const postmortemFile = (frontMatter: string) => {
    const tree = baseTree();
    tree.postmortems.push({
      file: 'content/postmortems/2026-11-20-api-errors.md',
      text: `---\n${frontMatter}---\n`,
    });
    return validate(tree);
  };

  test('a postmortem in every new form passes with no problem at all', () => {
    const result = postmortemFile(`incident: 2026-11-20-api-errors
published: 2026-11-22T10:00:00Z
authors: [Fixture Co]
summary: The API returned errors after a deploy.
impact:
  data_loss:
    extent: some
    what: Queued webhooks
    from: about 2026-11-20T14:02Z
    to: 2026-11-20
    count: about 200
    not_affected: Stored payments
root_causes: [A deploy shipped a connection pool limit of 1.]
contributing_factors:
  - The canary stage was skipped for configuration changes
  - category: tools
    description: The deploy tool showed no warning.
five_whys:
  - question: Why did requests fail?
    answers: [The pool had one connection.]
  - question: Why was it not caught?
    answers: [Configuration skips the canary.]
defenses:
  - layer: Canary
    held: false
    purpose: detect
  - layer: Alerting
    held: partly
    purpose: detect
action_items_as_of: 2026-11-22
action_items:
  - title: Canary every configuration change
    type: prevent
    status: open
`);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.content?.postmortems[0]?.impact?.data_loss?.extent).toBe('some');
  });

  test('a wrong data_loss is reported on its own line, naming the answers', () => {
    const result = postmortemFile(`incident: 2026-11-20-api-errors
draft: true
impact:
  data_loss: maybe
`);
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /:5 {2}impact\.data_loss {2}must be true, false, none, some, unknown or not_stated/,
      ),
    ]);
  });
});
