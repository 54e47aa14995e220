import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { frontMatterOf, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

let root: string;

/** Runs the CLI against the temporary copy of the fixture site at a given "now". */
const cli = (now: string, ...args: string[]) => runCli([...args, '--content', root], { STATUSMARK_NOW: now });
const check = (now: string) => cli(now, 'check');
const frontMatter = frontMatterOf;

beforeEach(() => {
  root = tempDir('cli');
  cpSync('test/fixtures/site', root, { recursive: true });
});

describe('the incident lifecycle through the command line', () => {
  test('open, update three times, resolve and scaffold a postmortem, passing check after each step', async () => {
    const opened = await cli(
      '2026-11-23T02:00:00Z',
      'new',
      'incident',
      'Search results missing',
      '--severity',
      'P2',
      '--component',
      'dashboard:partial_outage',
      '--next',
      '20m',
    );
    expect(opened.code, opened.err).toBe(0);
    const file = join(root, 'incidents', '2026-11-23-search-results-missing.md');
    expect((await check('2026-11-23T02:00:00Z')).code).toBe(0);
    const first = frontMatter(file);
    expect(first.updates).toEqual([
      {
        at: '2026-11-23T02:00:00Z',
        status: 'investigating',
        message:
          'We are investigating: Search results missing. Dashboard is affected. We are sorry for the disruption and will post an update by 02:20 UTC.',
        next_update: '2026-11-23T02:20:00Z',
      },
    ]);

    const steps: [string, string[]][] = [
      [
        '2026-11-23T02:15:00Z',
        ['--status', 'identified', '--message', 'An index rebuild failed.', '--next', '30m'],
      ],
      ['2026-11-23T02:40:00Z', ['--status', 'identified', '--message', 'The rebuild is **60%** done.']],
      ['2026-11-23T03:05:00Z', ['--status', 'monitoring', '--message', 'Results are back.', '--mitigated']],
    ];
    for (const [now, args] of steps) {
      const result = await cli(now, 'update', '2026-11-23-search-results-missing', ...args);
      expect(result.code, result.err).toBe(0);
      expect((await check(now)).code).toBe(0);
    }
    expect((await cli('2026-11-23T03:30:00Z', 'resolve', '2026-11-23-search-results-missing')).code).toBe(0);
    expect((await check('2026-11-23T03:30:00Z')).code).toBe(0);

    const final = frontMatter(file);
    expect(final).toMatchObject({
      identified: '2026-11-23T02:15:00Z',
      mitigated: '2026-11-23T03:05:00Z',
      resolved: '2026-11-23T03:30:00Z',
    });
    expect((final.updates as { status: string }[]).map((u) => u.status)).toEqual([
      'investigating',
      'identified',
      'identified',
      'monitoring',
      'resolved',
    ]);

    const scaffold = await cli(
      '2026-11-23T04:00:00Z',
      'new',
      'postmortem',
      '2026-11-23-search-results-missing',
    );
    expect(scaffold.code, scaffold.err).toBe(0);
    expect((await check('2026-11-23T04:00:00Z')).code).toBe(0);
    const pm = readFileSync(join(root, 'postmortems', '2026-11-23-search-results-missing.md'), 'utf8');
    for (const section of [
      'summary:',
      'impact:',
      'data_loss:',
      'trigger:',
      'root_causes:',
      'contributing_factors:',
      'five_whys:',
      'defenses:',
      'lessons:',
      'action_items:',
    ]) {
      expect(pm).toContain(section);
    }
    expect(pm).toContain('title: "Postmortem: Search results missing"');
    expect(pm).toContain('- 2026-11-23T02:15:00Z — identified: An index rebuild failed.');
    // The scaffold guesses nothing: which layers held and whether data was lost are the author's answers.
    expect(pm).toMatch(/^defenses: \[\]$/m);
    expect(pm).not.toMatch(/^\s+data_loss: (true|false)/m);

    // Published untouched, the scaffold is refused: no placeholder may go public.
    const pmPath = join(root, 'postmortems', '2026-11-23-search-results-missing.md');
    writeFileSync(pmPath, pm.replace(/^draft: true.*$/m, 'published: 2026-11-23T04:00:00Z'));
    const published = await check('2026-11-23T04:00:00Z');
    expect(published.code).toBe(1);
    for (const field of [
      'summary',
      'impact.description',
      'trigger',
      'root_causes[0]',
      'action_items[0].title',
      '(body)',
    ])
      expect(published.out, field).toMatch(
        new RegExp(`:\\d+  ${field.replace(/[.[\]()]/g, '\\$&')}  still holds the placeholder "TODO"`),
      );
    expect(published.out).toContain('impact.data_loss  is required (true or false)');
  }, 90_000);

  test('resolve --mitigated TIME, the documented form, records when impact ended', async () => {
    const result = await cli(
      '2026-11-23T01:30:00Z',
      'resolve',
      '2026-11-22-elevated-api-errors',
      '--mitigated',
      '2026-11-23T01:10:00Z',
    );
    expect(result.code, result.err).toBe(0);
    expect(frontMatter(join(root, 'incidents', '2026-11-22-elevated-api-errors.md'))).toMatchObject({
      mitigated: '2026-11-23T01:10:00Z',
      resolved: '2026-11-23T01:30:00Z',
    });
  });

  test('resolve --component adds a component found to have been affected too; one already listed is refused', async () => {
    const file = join(root, 'incidents', '2026-11-22-elevated-api-errors.md');
    const before = readFileSync(file, 'utf8');
    const listed = await cli(
      '2026-11-23T01:30:00Z',
      'resolve',
      '2026-11-22-elevated-api-errors',
      '--component',
      'api=major_outage',
    );
    expect(listed.code).toBe(2);
    expect(listed.err).toContain(
      '--component api: api is already listed, and resolving ends its impact at mitigated',
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
    const added = await cli(
      '2026-11-23T01:30:00Z',
      'resolve',
      '2026-11-22-elevated-api-errors',
      '--component',
      'dashboard=degraded_performance',
    );
    expect(added.code, added.all).toBe(0);
    expect(frontMatter(file).components).toEqual([
      { id: 'api', impact: 'partial_outage' },
      { id: 'webhooks', impact: 'degraded_performance' },
      { id: 'dashboard', impact: 'degraded_performance' },
    ]);
    expect((await check('2026-11-23T01:30:00Z')).code).toBe(0);
  });

  test('keeps the comments and layout of an edited file', async () => {
    const path = join(root, 'incidents', '2026-11-22-elevated-api-errors.md');
    const before = readFileSync(path, 'utf8').replace(
      'title: Elevated',
      '# Keep me: written by the on-call engineer.\ntitle: Elevated',
    );
    writeFileSync(path, before);
    expect(
      (
        await cli(
          '2026-11-23T01:20:00Z',
          'update',
          '2026-11-22-elevated-api-errors',
          '--status',
          'monitoring',
          '--message',
          'Traffic moved.',
        )
      ).code,
    ).toBe(0);
    const after = readFileSync(path, 'utf8');
    expect(after).toContain('# Keep me: written by the on-call engineer.\ntitle: Elevated');
    expect(after.startsWith(before.split('updates:')[0]!)).toBe(true);
    expect(
      after.endsWith('\nRequests routed through one eu-west cluster fail; the other regions are healthy.\n'),
    ).toBe(true);
  });
});

describe('refusals', () => {
  const snapshot = () =>
    readdirSync(root, { recursive: true })
      .map(String)
      .sort()
      .map((f) => [
        f,
        (() => {
          try {
            return readFileSync(join(root, f), 'utf8');
          } catch {
            return '';
          }
        })(),
      ]);

  test.each([
    [
      'a status typo',
      ['update', '2026-11-22-elevated-api-errors', '--status', 'investigatng', '--message', 'x'],
      '--status investigatng is not a status; use investigating, identified, monitoring, update; did you mean investigating?',
    ],
    [
      'an unknown component',
      ['new', 'incident', 'X', '--severity', 'P3', '--component', 'apii:partial_outage'],
      '"apii" is not a component',
    ],
    [
      'an unknown severity',
      ['new', 'incident', 'X', '--severity', 'P9', '--component', 'api:partial_outage'],
      '--severity P9 is not a severity of site.yaml; use P1, P2, P3, P4',
    ],
    [
      'a time without a zone',
      ['resolve', '2026-11-22-elevated-api-errors', '--mitigated', '2026-11-23T01:00:00'],
      'is not an ISO time with a zone',
    ],
    [
      'an incident that does not exist',
      ['update', 'no-such-incident', '--status', 'identified', '--message', 'x'],
      'No incident "no-such-incident"',
    ],
    ['a missing flag', ['new', 'incident', 'X', '--component', 'api:partial_outage'], 'missing --severity'],
    ['resolving twice', ['resolve', '2026-11-19-payouts-delayed'], 'is already resolved'],
    [
      'a --at without a zone',
      [
        'update',
        '2026-11-22-elevated-api-errors',
        '--status',
        'identified',
        '--message',
        'x',
        '--at',
        '2026-11-23T01:20:00',
      ],
      '--at "2026-11-23T01:20:00" is not an ISO time with a zone',
    ],
  ])('%s is refused with a clear message and nothing is written', async (_name, args, message) => {
    const before = snapshot();
    const result = await cli('2026-11-23T01:20:00Z', ...args);
    expect(result.code).not.toBe(0);
    expect(result.err).toContain(message);
    expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(snapshot()).toEqual(before);
  });
});

describe('the clock', () => {
  test('an unreadable STATUSMARK_NOW is refused rather than replaced by the real clock', async () => {
    const result = await cli(
      'yesterday',
      'update',
      '2026-11-22-elevated-api-errors',
      '--status',
      'identified',
      '--message',
      'x',
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('STATUSMARK_NOW="yesterday" is not an ISO time with a zone');
  });

  test('a STATUSMARK_NOW far after the real time is refused like the build refuses it', async () => {
    const result = await cli('9999-12-31T23:59:59Z', 'check');
    expect(result.code).not.toBe(0);
    expect(result.all).toContain('more than a day after the real time');
  });
});

describe('--help', () => {
  test.each([
    ['check'],
    ['new', 'incident'],
    ['new', 'maintenance'],
    ['new', 'postmortem'],
    ['update'],
    ['resolve'],
  ])('%s %s explains itself', async (...command) => {
    const result = await cli('2026-11-23T01:20:00Z', ...command.filter(Boolean), '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`statusmark ${command.filter(Boolean).join(' ')}`);
  });
});

describe('new maintenance', () => {
  test('writes a window that passes check', async () => {
    const result = await cli(
      '2026-11-23T01:20:00Z',
      'new',
      'maintenance',
      'Network upgrade',
      '--component',
      'api',
      '--component',
      'webhooks',
      '--start',
      '2026-12-02T02:00:00Z',
      '--end',
      '2026-12-02T03:00:00Z',
    );
    expect(result.code, result.err).toBe(0);
    expect(frontMatter(join(root, 'maintenance', '2026-12-02-network-upgrade.md'))).toMatchObject({
      components: ['api', 'webhooks'],
      announced: '2026-11-23T01:20:00Z',
      scheduled_start: '2026-12-02T02:00:00Z',
      // Read days ahead, the announcement says the date.
      updates: [
        {
          at: '2026-11-23T01:20:00Z',
          status: 'scheduled',
          message:
            'We will carry out maintenance on Payments API and Webhooks from Dec 2, 2026, 02:00 UTC to 03:00 UTC. We will post an update when it starts and when it is complete.',
        },
      ],
    });
    expect((await check('2026-11-23T01:20:00Z')).code).toBe(0);
  });

  test('--recurrence writes a series whose announcement says the schedule; a rule that misses the start is refused', async () => {
    const args = [
      'new',
      'maintenance',
      'Cache flush',
      '--component',
      'api',
      '--start',
      '2026-12-01T02:00:00Z',
    ];
    const result = await cli(
      '2026-11-23T01:20:00Z',
      ...args,
      '--end',
      '2026-12-01T02:30:00Z',
      '--recurrence',
      'freq=weekly;byday=tu;count=4',
    );
    expect(result.code, result.all).toBe(0);
    const written = frontMatter(join(root, 'maintenance', '2026-12-01-cache-flush.md'));
    expect(written.recurrence).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=4');
    expect((written.updates as { message: string }[])[0]!.message).toContain(
      'Schedule: Every week on Tuesday at 02:00 UTC, 4 times.', // the pages' own wording
    );
    expect((await check('2026-11-23T01:20:00Z')).code).toBe(0);
    const wrongDay = await cli(
      '2026-11-23T01:20:00Z',
      ...args,
      '--end',
      '2026-12-01T02:30:00Z',
      '--recurrence',
      'FREQ=WEEKLY;BYDAY=WE',
    );
    expect(wrongDay.code).toBe(1);
    expect(wrongDay.all).toContain('is not an occurrence of the rule (its first is 2026-12-02T02:00:00Z)');
    const byHour = await cli(
      '2026-11-23T01:20:00Z',
      ...args,
      '--end',
      '2026-12-01T02:30:00Z',
      '--recurrence',
      'FREQ=DAILY;BYHOUR=2',
    );
    expect(byHour.code).toBe(2);
    expect(byHour.err).toContain(`--recurrence "FREQ=DAILY;BYHOUR=2" must not hold BYHOUR`);
  });
});

describe('posting in the first hour', () => {
  const incidentIds = () =>
    readdirSync(join(root, 'incidents'))
      .filter((f) => f.startsWith('2026-11-23-'))
      .map((f) => f.replace(/\.md$/, ''));

  test('new and update write times the same way: to the second, in UTC, without milliseconds', async () => {
    const at = (time: string) => ({ now: () => Date.parse(time) });
    const opened = await runCli(
      [
        'new',
        'incident',
        'Search results missing',
        '--severity',
        'P2',
        '--component',
        'dashboard',
        '--content',
        root,
      ],
      {},
      at('2026-11-23T02:00:07.123Z'),
    );
    expect(opened.code, opened.all).toBe(0);
    const [id] = incidentIds();
    const updated = await runCli(
      [
        'update',
        id!,
        '--status',
        'identified',
        '--message',
        'An index rebuild failed.',
        '--next',
        '30m',
        '--content',
        root,
      ],
      {},
      at('2026-11-23T02:15:30.456Z'),
    );
    expect(updated.code, updated.all).toBe(0);
    const incident = frontMatter(join(root, 'incidents', `${id}.md`));
    expect(incident).toMatchObject({
      started: '2026-11-23T02:00:07Z',
      detected: '2026-11-23T02:00:07Z',
      acknowledged: '2026-11-23T02:00:07Z',
      identified: '2026-11-23T02:15:30Z',
    });
    expect(incident.updates).toMatchObject([
      { at: '2026-11-23T02:00:07Z', next_update: '2026-11-23T02:30:07Z' },
      { at: '2026-11-23T02:15:30Z', next_update: '2026-11-23T02:45:30Z' },
    ]);
  });

  test('--yes and -y, typed out of habit, are accepted and never ask', async () => {
    for (const yes of ['--yes', '-y']) {
      const result = await cli(
        '2026-11-23T02:00:00Z',
        'new',
        'incident',
        `Slow dashboard ${yes}`,
        '--severity',
        'P3',
        '--component',
        'dashboard',
        yes,
      );
      expect(result.code, result.all).toBe(0);
    }
    expect(incidentIds().sort()).toEqual(['2026-11-23-slow-dashboard-y', '2026-11-23-slow-dashboard-yes']);
  });

  test('an unknown option is named with the nearest one and the options the command has, and nothing is written', async () => {
    const result = await cli(
      '2026-11-23T02:00:00Z',
      'new',
      'incident',
      'Slow dashboard',
      '--sevrity',
      'P3',
      '--component',
      'dashboard',
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      '"statusmark new incident" has no option --sevrity; did you mean --severity? Its options are --severity, --component,',
    );
    expect(incidentIds()).toEqual([]);
  });

  test('a long title makes an id cut at a word that reads well, without filler words', async () => {
    const result = await cli(
      '2026-11-23T02:00:00Z',
      'new',
      'incident',
      'Public API affected by an outage at our SMS provider',
      '--severity',
      'P3',
      '--component',
      'api',
    );
    expect(result.code, result.all).toBe(0);
    expect(incidentIds()).toEqual(['2026-11-23-public-api-affected-outage-sms-provider']);
  });

  test('opening an incident with the title of an open one warns and names the open one and its update command', async () => {
    const open = [
      'new',
      'incident',
      'Search results missing',
      '--severity',
      'P2',
      '--component',
      'dashboard',
    ];
    const first = await cli('2026-11-23T02:00:00Z', ...open);
    expect(first.out).not.toContain('Warning');
    const second = await cli('2026-11-23T02:05:00Z', ...open);
    expect(second.code, second.all).toBe(0);
    expect(second.out).toContain(
      `Warning: 2026-11-23-search-results-missing is still open with the same title. If this is the same incident, delete ${join(root, 'incidents', '2026-11-23-search-results-missing-2.md')} and post to the open one: statusmark update 2026-11-23-search-results-missing --status identified --message "…"`,
    );
    // Once it is resolved, the same title opens a new incident without a word.
    expect((await cli('2026-11-23T02:10:00Z', 'resolve', '2026-11-23-search-results-missing')).code).toBe(0);
    expect((await cli('2026-11-23T02:10:00Z', 'resolve', '2026-11-23-search-results-missing-2')).code).toBe(
      0,
    );
    const third = await cli('2026-11-23T02:20:00Z', ...open);
    expect(third.out).not.toContain('Warning');
  });
});
