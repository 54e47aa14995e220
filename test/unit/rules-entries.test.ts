import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/loader/problem.ts';
import { baseTree, validate } from '../helpers/tree.ts';

// What an author sees for one mistake of each rule on maintenance, postmortems and incident templates
// beyond their schemas.

type Folder = 'maintenance' | 'postmortems' | 'templates';

/** The base tree with Markdown files added to a folder, and what check says. */
function check(folder: Folder, files: Record<string, string[]>) {
  const tree = baseTree();
  for (const [name, lines] of Object.entries(files))
    tree[folder].push({ file: `content/${folder}/${name}`, text: `${lines.join('\n')}\n` });
  const result = validate(tree);
  return { result, lines: result.problems.map(formatProblem) };
}

const POSTMORTEM = readFileSync('test/fixtures/valid/postmortems/done-before-due.md', 'utf8')
  .trimEnd()
  .split('\n');

describe('maintenance (maintenance-rules)', () => {
  test('a window with neither announced nor an update is a warning with the time to write', () => {
    const { result, lines } = check('maintenance', {
      '2026-11-30-database-upgrade.md': [
        '---',
        'title: Database upgrade',
        'components: [api]',
        'scheduled_start: 2026-11-30T02:00:00Z',
        'scheduled_end: 2026-11-30T03:00:00Z',
        '---',
      ],
    });
    expect(lines).toEqual([
      'content/maintenance/2026-11-30-database-upgrade.md:4  announced  warning: is missing, and there is no update: subscribers hear of this window only when it starts; add announced: 2026-11-23T12:00:00Z (the time it was made public)',
    ]);
    // A warning: the site still builds.
    expect(result.content?.maintenance).toHaveLength(1);
  });
});

describe('postmortems (postmortem-rules)', () => {
  test('a placeholder left in the body of a published postmortem is an error on its line', () => {
    const { lines } = check('postmortems', {
      'api-errors.md': [...POSTMORTEM, '', 'The timeline is TODO.'],
    });
    expect(lines).toEqual([
      'content/postmortems/api-errors.md:17  (body)  still holds the placeholder "TODO"; write the real text, or keep draft: true until it is ready',
    ]);
  });

  test('a second postmortem of the same incident names the first, to merge them', () => {
    const { lines } = check('postmortems', {
      'api-errors.md': POSTMORTEM,
      'api-errors-again.md': POSTMORTEM,
    });
    expect(lines).toEqual([
      'content/postmortems/api-errors-again.md:2  incident  incident "2026-11-20-api-errors" already has a postmortem in content/postmortems/api-errors.md; merge the two files',
    ]);
  });
});

describe('incident templates (template-rules)', () => {
  const template = (updates: string[]) => [
    '---',
    'title: Errors on the {component}',
    'severity: P2',
    'components:',
    '  - id: api',
    '    impact: partial_outage',
    'updates:',
    ...updates,
    '---',
  ];

  test('an unknown placeholder is an error on the line that uses it, and the CLI does not get the template', () => {
    const { result, lines } = check('templates', {
      'api-errors.md': template([
        '  - status: investigating',
        '    message: Since {strated}, requests fail.',
      ]),
    });
    expect(lines).toEqual([
      'content/templates/api-errors.md:9  updates[0].message  uses the unknown placeholder {strated}; did you mean {started}? Use {title}, {component}, {started}, {now}, {next_update}, {site}, {severity}, or declare it under variables',
    ]);
    expect(result.templates).toEqual([]);
  });

  test('a template whose filled-in incident is invalid is an error on the update it comes from', () => {
    const { result, lines } = check('templates', {
      'api-errors.md': template([
        '  - status: investigating',
        '    message: We are investigating.',
        '  - status: resolved',
        '    message: Resolved.',
        '  - status: monitoring',
        '    message: Watching.',
      ]),
    });
    // The rest of the message is the incident schema's own.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^content\/templates\/api-errors\.md:10 {2}updates\[1\] {2}filled in, makes an invalid incident: updates\[1\]\.status is "resolved" but later updates/,
      ),
    );
    expect(result.templates).toEqual([]);
  });
});

describe('blame language in every form of analysis (postmortem-rules)', () => {
  test('a five-whys chain and a plain-text factor are read for blame like the other texts', () => {
    const lines = POSTMORTEM.slice(0, -1).concat([
      'five_whys:',
      '  - question: Why did recovery take hours?',
      '    answers: [Bob forgot to check the backups]',
      'contributing_factors:',
      '  - Alice failed to notice the alert',
      '---',
    ]);
    const { lines: said } = check('postmortems', { '2026-11-20-api-errors.md': lines });
    expect(said).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /five_whys\[0\]\.answers\[0\] {2}warning: says a person forgot or failed \("Bob forgot"\)/,
        ),
        expect.stringMatching(
          /contributing_factors\[0\] {2}warning: says a person forgot or failed \("Alice failed"\)/,
        ),
      ]),
    );
  });
});

describe('incidents (incident-rules)', () => {
  /** The base tree with an incident that began on `started` on the API (whose since is 2026-01-01). */
  const incidentFrom = (started: string) => {
    const tree = baseTree();
    const day = started.slice(0, 10);
    tree.incidents.push({
      file: `content/incidents/${day}-old-outage.md`,
      text: [
        '---',
        'title: Old outage',
        'severity: P2',
        `started: ${started}`,
        `mitigated: ${day}T10:00:00Z`,
        `resolved: ${day}T10:00:00Z`,
        'components:',
        '  - id: api',
        '    impact: major_outage',
        'updates:',
        `  - at: ${day}T10:00:00Z`,
        '    status: resolved',
        '    message: Resolved.',
        '---',
        '',
      ].join('\n'),
    });
    const result = validate(tree);
    return { result, lines: result.problems.map(formatProblem) };
  };

  test("an incident before its component's since is a warning: those days count in no uptime", () => {
    const { result, lines } = incidentFrom('2025-12-30T09:00:00Z');
    expect(lines).toEqual([
      "content/incidents/2025-12-30-old-outage.md:4  started  warning: is before the day api's history starts (since: 2026-01-01 in components.yaml): the days before it show no data and count in no uptime; if api existed then, set its since to 2025-12-30 or earlier",
    ]);
    expect(result.content?.incidents.map((i) => i.id)).toContain('2025-12-30-old-outage');
  });

  test('an incident from the since day on says nothing', () => {
    expect(incidentFrom('2026-01-01T09:00:00Z').lines).toEqual([]);
  });
});
