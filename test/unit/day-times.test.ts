import { describe, expect, test } from 'vitest';
import { baseTree } from '../helpers/tree.ts';
import { validateContent } from '../../src/loader/validate.ts';
import { buildApiDocuments } from '../../src/formats/statuspage-documents.ts';
import { knownDatetime, knownTime, resolvedInstant } from '../../src/domain/known-time.ts';
import { englishLocale } from '../../src/loader/catalogues.ts';
import { statusReport } from '../../src/cli/commands/status-report.ts';

// The trial of 0.5's dates: an incident whose times are known only to their day, on a site in
// Europe/Amsterdam (its midnight is 23:00 UTC the evening before), checked the evening it happened.
const ZONE = 'Europe/Amsterdam';
const NOW = '2026-12-06T22:30:00Z';
const SITE = `name: Fixture Co\nurl: https://status.fixture.example\ndescription: Tests.\ntime_zone: ${ZONE}\n`;
const FILE = 'incidents/2026-12-06-queue.md';

const UPDATE = '  - at: 2026-12-06T22:04:36Z\n    status: resolved\n    message: Fixed.\n';
const IMPACT = '  - id: api\n    impact: partial_outage\n';

function check(fields: Record<string, string>, { updates = UPDATE, components = IMPACT } = {}) {
  const tree = baseTree();
  tree.site = { file: 'site.yaml', text: SITE };
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${value}\n`);
  const text = `---\ntitle: Queue stalled\nseverity: P2\n${lines.join('')}components:\n${components}updates:\n${updates}---\n`;
  tree.incidents.push({ file: FILE, text });
  const result = validateContent(tree, { statusmarkNow: NOW, realNow: Date.parse(NOW) });
  const problems = result.problems
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.file}:${p.line} ${p.path}: ${p.message}`);
  const incident = result.content?.incidents.find((i) => i.id === '2026-12-06-queue');
  return { problems, incident, content: result.content };
}

const sameDay = { started: '2026-12-06', mitigated: '2026-12-06', resolved: '2026-12-06' };

describe('times known only to their day', () => {
  test('started, mitigated and resolved on the day of an update at 22:04 UTC are in order', () => {
    expect(check(sameDay).problems).toEqual([]);
    expect(
      check({ started: '"2026-12-06"', mitigated: '"2026-12-06"', resolved: '"2026-12-06"' }).problems,
    ).toEqual([]);
  });

  test('a resolved day before the started day is an error on the resolved line, in the dates as written', () => {
    const { problems } = check({ started: '2026-12-06', mitigated: '2026-12-06', resolved: '2026-12-05' });
    expect(problems).toEqual([
      `${FILE}:6 resolved: must not be before mitigated (2026-12-06); resolved is 2026-12-05`,
      `${FILE}:6 resolved: must not be before started (2026-12-06); resolved is 2026-12-05`,
    ]);
  });

  test('a day is compared with a time at the coarser precision: the same day is fine, the day before is not', () => {
    const exactStart = { started: '2026-12-06T10:00:00Z', mitigated: '2026-12-06T12:00:00Z' };
    expect(check({ ...exactStart, resolved: '2026-12-06' }).problems).toEqual([]);
    expect(check({ ...exactStart, resolved: '2026-12-05' }).problems).toEqual([
      `${FILE}:6 resolved: must not be before mitigated (2026-12-06T12:00:00Z); resolved is 2026-12-05`,
      `${FILE}:6 resolved: must not be before started (2026-12-06T10:00:00Z); resolved is 2026-12-05`,
    ]);
  });

  test('an impact phase from a day, or from a time on the day the incident was resolved, is in order', () => {
    const from = (at: string) => ({ components: `${IMPACT}    from: ${at}\n` });
    const started = { started: '2026-12-06T10:00:00Z', mitigated: '2026-12-06T21:00:00Z' };
    expect(check({ ...started, resolved: '2026-12-06T22:00:00Z' }, from('2026-12-06')).problems).toEqual([]);
    expect(check(sameDay, from('2026-12-06T20:00:00Z')).problems).toEqual([]);
    // The day before the incident started is not.
    expect(check({ ...started, resolved: '2026-12-06T22:00:00Z' }, from('2026-12-05')).problems).toEqual([
      `${FILE}:10 components[0].from: is before the incident started (2026-12-06T10:00:00Z)`,
    ]);
  });
});

describe('outputs say no more than the content', () => {
  test("the API's resolved_at is not before the incident's update that day, nor its start", () => {
    const { incident, content } = check(sameDay);
    const api = buildApiDocuments(content!, 'https://status.fixture.example')['incidents.json'].incidents;
    const entry = api.find((i) => i.id === incident!.id)!;
    expect(entry.created_at).toBe('2026-12-06T22:04:36Z');
    expect(entry.resolved_at).toBe('2026-12-06T22:04:36Z');
    expect(entry.resolved_at! >= entry.created_at && entry.resolved_at! >= entry.started_at).toBe(true);
    // Statusmark's own record keeps the day as written, for an import to write it back.
    expect(entry.statusmark?.precision).toMatchObject({ resolved: 'day', started: 'day' });
  });

  test('a resolved day with nothing else on it is the start of that day; an exact one is as written', () => {
    const { incident } = check(
      { started: '2026-12-05T09:00:00Z', mitigated: '2026-12-05T10:00:00Z', resolved: '2026-12-06' },
      { updates: '  - at: 2026-12-05T09:30:00Z\n    status: resolved\n    message: Fixed.\n' },
    );
    expect(resolvedInstant(incident!)).toBe(Date.parse('2026-12-05T23:00:00Z'));
    const exact = check({ started: '2026-12-06', mitigated: '2026-12-06', resolved: '2026-12-06T21:00:00Z' });
    expect(resolvedInstant(exact.incident!)).toBe(Date.parse('2026-12-06T21:00:00Z'));
  });

  test('a start known only to its day is said as that day, never as midnight', () => {
    const { incident } = check(sameDay);
    const locale = englishLocale(ZONE);
    expect(knownTime(locale, incident!.started, incident!.precision.started, ZONE)).toBe('Dec 6, 2026');
    expect(knownDatetime(incident!.started, incident!.precision.started, ZONE)).toBe('2026-12-06');
  });
});

describe('updates known only to their day', () => {
  const closed = {
    started: '2026-12-05T08:00:00Z',
    mitigated: '2026-12-06T09:00:00Z',
    resolved: '2026-12-06T10:00:00Z',
  };
  const updates = (first: string, second: string) => ({
    updates: `  - at: ${first}\n    status: identified\n    message: Found.\n  - at: ${second}\n    status: resolved\n    message: Fixed.\n`,
  });

  test('may be any time on the day of the update before or after them', () => {
    expect(check(closed, updates('2026-12-06T08:30:00Z', '2026-12-06')).problems).toEqual([]);
    expect(check(closed, updates('2026-12-06', '2026-12-06T08:30:00Z')).problems).toEqual([]);
  });

  test('a time on the day before an update known only to its day is out of order, on its line', () => {
    expect(check(closed, updates('2026-12-06', '2026-12-05T10:00:00Z')).problems).toEqual([
      `${FILE}:14 updates[1].at: must be later than updates[0].at (2026-12-06); list updates oldest first`,
    ]);
    expect(check(closed, updates('2026-12-06T08:30:00Z', '2026-12-05')).problems).toEqual([
      `${FILE}:14 updates[1].at: must be later than updates[0].at (2026-12-06T08:30:00Z); list updates oldest first`,
    ]);
  });
});

describe('an open incident that started on a known day', () => {
  test('is open since that day, not since its midnight, in `statusmark status`', () => {
    const { content } = check(
      { started: '2026-12-06' },
      { updates: '  - at: 2026-12-06T22:04:36Z\n    status: investigating\n    message: Looking.\n' },
    );
    const { text } = statusReport(content!, '/');
    expect(text).toContain('since Dec 6, 2026 ·');
    expect(text).not.toMatch(/since Dec 6, 2026,? 00:00/);
  });
});
