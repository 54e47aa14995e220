import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/loader/problem.ts';
import { FIXTURES, baseTree, treeWith, validate } from '../helpers/tree.ts';

type Kind = 'incidents' | 'maintenance' | 'postmortems' | 'site' | 'components';

/** Each fixture has exactly one mistake; this is the field it must be reported on and a piece of the fix. */
const EXPECTED: Record<string, { path: string; says: string }> = {
  'incidents/misspelled-key.md': { path: 'severty', says: 'did you mean "severity"' },
  'incidents/time-without-zone.md': { path: 'started', says: 'has no time zone' },
  'incidents/status-typo.md': { path: 'updates[0].status', says: 'did you mean "investigating"' },
  'incidents/unknown-component.md': {
    path: 'components[0].id',
    says: 'is not a component in components.yaml',
  },
  'incidents/updates-out-of-order.md': {
    path: 'updates[1].at',
    says: 'must be later than updates[0].at (2026-11-21T14:40:00Z)',
  },
  'incidents/resolved-while-ongoing.md': {
    path: 'resolved',
    says: 'add a final update with status: resolved',
  },
  'incidents/resolved-update-without-resolved-time.md': {
    path: 'resolved',
    says: 'set resolved to the time',
  },
  'incidents/title-is-a-number.md': { path: 'title', says: 'put it in quotes' },
  'incidents/empty-file.md': { path: '', says: 'is empty' },
  'incidents/yaml-syntax-error.md': { path: '', says: 'YAML syntax error' },
  'incidents/unknown-severity.md': { path: 'severity', says: '"P5" is not a severity' },
  'incidents/wrong-year.md': { path: 'started', says: 'is after the build clock' },
  'incidents/acknowledged-before-detected.md': { path: 'acknowledged', says: 'must not be before detected' },
  'incidents/resolved-before-mitigated.md': { path: 'resolved', says: 'must not be before mitigated' },
  'incidents/impact-typo.md': { path: 'components[0].impact', says: 'must be one of' },
  'incidents/no-updates.md': { path: 'updates', says: 'at least one update' },
  'incidents/impact-ends-before-it-starts.md': { path: 'components[0].to', says: 'must be after from' },
  'incidents/Bad_File_Name.md': { path: '', says: 'is not a valid id' },
  'incidents/front-matter-language.md': { path: '', says: 'front matter must be YAML' },
  'incidents/no-front-matter.md': { path: '', says: 'has no front matter' },
  'incidents/impossible-date.md': { path: 'started', says: 'is not an ISO 8601 time' },
  'incidents/year-1970.md': { path: 'started', says: 'is in 1970, outside 2000–2099; check the year' },
  'incidents/empty-message.md': { path: 'updates[0].message', says: 'must not be empty' },
  'incidents/detection-typo.md': { path: 'detection', says: 'did you mean "alert"' },
  'maintenance/end-before-start.md': { path: 'scheduled_end', says: 'must be after scheduled_start' },
  'maintenance/unknown-component.md': { path: 'components[0]', says: '"database" is not a component' },
  'maintenance/status-typo.md': { path: 'updates[0].status', says: 'did you mean "completed"' },
  'maintenance/recurrence-start-not-in-rule.md': {
    path: 'scheduled_start',
    says: 'is not an occurrence of the rule (its first is 2026-11-18T02:00:00Z); make scheduled_start the first window',
  },
  'maintenance/recurrence-with-byhour.md': {
    path: 'recurrence',
    says: "must not hold BYHOUR; each occurrence starts at scheduled_start's local time",
  },
  'maintenance/exception-not-an-occurrence.md': {
    path: 'exceptions[1].date',
    says: '2026-12-02 is not a date of this series; the nearest are 2026-12-01 and 2026-12-08',
  },
  'postmortems/missing-incident.md': { path: 'incident', says: 'is not an incident' },
  'postmortems/no-data-loss-answer.md': { path: 'impact.data_loss', says: 'is required (true or false)' },
  'postmortems/vague-owner.md': { path: 'action_items[0].owner', says: 'must name a person or a team' },
  'postmortems/no-root-cause.md': { path: 'root_causes', says: 'at least one root cause' },
  'postmortems/javascript-link.md': { path: 'action_items[0].link', says: 'must be an http(s) URL' },
  'site/url-not-absolute.yaml': { path: 'url', says: 'must be an absolute URL' },
  'site/time-zone-typo.yaml': { path: 'time_zone', says: 'IANA time zone' },
  'site/notice-ends-before-it-starts.yaml': { path: 'notice.until', says: 'must be after notice.from' },
  'components/duplicate-id.yaml': { path: '[1].id', says: 'ids must be unique' },
  'components/impossible-since.yaml': { path: '[0].since', says: 'is not a date' },
};

const fixtures = (['incidents', 'maintenance', 'postmortems', 'site', 'components'] as Kind[]).flatMap(
  (kind) =>
    readdirSync(join(FIXTURES, 'invalid', kind)).map((name) => ({
      kind,
      key: `${kind}/${name}`,
      path: join(FIXTURES, 'invalid', kind, name),
    })),
);

describe('the invalid fixtures', () => {
  test('the base tree they are added to is valid', () => {
    const result = validate(baseTree());
    expect(result.problems).toEqual([]);
    expect(result.content?.incidents).toHaveLength(1);
  });

  test('there are at least 25, and every one has an expectation', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    expect(fixtures.map((f) => f.key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(fixtures)(
    '$key is rejected with a message naming the file and the field',
    ({ kind, key, path }) => {
      const result = validate(treeWith(kind, path));
      const expected = EXPECTED[key]!;
      expect(result.content).toBeUndefined();
      const errors = result.problems.filter((p) => p.severity === 'error');
      // Every error is about this file, none about the valid base tree it was added to.
      expect(errors.every((p) => p.file === path)).toBe(true);
      const match = errors.find((p) => p.path === expected.path && p.message.includes(expected.says));
      expect(
        match,
        `no error at "${expected.path}" saying "${expected.says}"; got:\n${errors.map(formatProblem).join('\n')}`,
      ).toBeDefined();
    },
  );
});

describe('problem messages', () => {
  const report = (kind: Kind, name: string) =>
    validate(treeWith(kind, join(FIXTURES, 'invalid', kind, name)))
      .problems.map(formatProblem)
      .join('\n');

  test('point at the line of the field', () => {
    expect(report('incidents', 'updates-out-of-order.md')).toMatchInlineSnapshot(
      `"test/fixtures/invalid/incidents/updates-out-of-order.md:12  updates[1].at  must be later than updates[0].at (2026-11-21T14:40:00Z); list updates oldest first"`,
    );
    expect(report('incidents', 'time-without-zone.md')).toMatchInlineSnapshot(
      `"test/fixtures/invalid/incidents/time-without-zone.md:4  started  "2026-11-21T14:00:00" has no time zone; add one, for example "2026-11-21T14:00:00Z" for UTC or "2026-11-21T14:00:00+02:00""`,
    );
  });

  test('suggest the closest known field for a misspelled key', () => {
    // One mistake, reported once, on the misspelled key's line.
    expect(report('incidents', 'misspelled-key.md')).toMatchInlineSnapshot(
      `"test/fixtures/invalid/incidents/misspelled-key.md:3  severty  is not a known field; did you mean "severity"?"`,
    );
  });

  test('carry the YAML parser position for syntax errors', () => {
    // The bad indentation is on line 7; the parser reports the mapping it breaks, which starts on line 6.
    expect(report('incidents', 'yaml-syntax-error.md')).toMatch(
      /yaml-syntax-error\.md:6 {2}\(file\) {2}YAML syntax error/,
    );
  });
});

describe('blame language', () => {
  test('is a warning with a hint, not an error', () => {
    const result = validate(treeWith('postmortems', join(FIXTURES, 'blame', 'postmortems', 'blaming.md')));
    expect(result.content).toBeDefined();
    const warnings = result.problems.filter((p) => p.severity === 'warning');
    expect(warnings.map((w) => w.path)).toEqual(['trigger', 'root_causes[0]']);
    expect(warnings.every((w) => w.message.includes('describe the system condition'))).toBe(true);
  });
});

describe('unusual keys', () => {
  test('a "__proto__" key is an unknown field like any other', () => {
    const tree = baseTree();
    const text = tree.incidents[0]!.text.replace('severity: P2', 'severity: P2\n__proto__: 1');
    tree.incidents[0] = { file: tree.incidents[0]!.file, text };
    expect(validate(tree).problems.map((p) => p.path)).toEqual(['__proto__']);
  });
});

describe('cross-file rules', () => {
  test('two incident files with the same name in different folders are reported', () => {
    const tree = baseTree();
    const [first] = tree.incidents;
    tree.incidents.push({ file: 'content/incidents/2026/2026-11-20-api-errors.md', text: first!.text });
    const result = validate(tree);
    expect(result.problems.map(formatProblem)).toContainEqual(
      expect.stringContaining('id "2026-11-20-api-errors" is already used by'),
    );
  });

  test('every problem in every file is reported in one run', () => {
    const tree = baseTree();
    for (const { path } of fixtures.filter((f) => f.kind === 'incidents')) {
      tree.incidents.push(treeWith('incidents', path).incidents.at(-1)!);
    }
    const files = new Set(validate(tree).problems.map((p) => p.file));
    expect(files.size).toBe(fixtures.filter((f) => f.kind === 'incidents').length);
  });
});
