// The pipeline's properties, run short by test/unit/pipeline.property.test.ts on every change and at
// length by test/fuzz/pipeline.test.ts (`npm run fuzz`).
import fc from 'fast-check';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { FEED_LIMIT, historyFeed } from '../../src/formats/feeds.ts';
import { currentStatus } from '../../src/views/overview.ts';
import { monthContaining } from '../../src/time/dates.ts';
import { buildMonthlyReport } from '../../src/domain/report.ts';
import { buildApiDocuments } from '../../src/formats/statuspage-documents.ts';
import { incidentWindows } from '../../src/domain/statuses.ts';
import { recentUptime, windowsByComponent } from '../../src/domain/timeline.ts';
import { IMPACTS, statusRank, worstStatus, type ComponentStatus } from '../../src/schemas/vocabulary.ts';
import { validateContent } from '../../src/loader/validate.ts';
import { API_DOCUMENTS } from '../../src/schemas/statuspage-api.ts';
import { baseTree, FIXTURE_NOW } from '../helpers/tree.ts';

const NOW = Date.parse(FIXTURE_NOW);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A random but valid incident file, written the way an author would. */
const incidentArb = fc
  .record({
    startMinutesAgo: fc.integer({ min: 1, max: 200 * 1440 }),
    length: fc.integer({ min: 1, max: 3 * 1440 }),
    open: fc.boolean(),
    components: fc.uniqueArray(fc.constantFrom('api', 'web'), { minLength: 1, maxLength: 2 }),
    impacts: fc.array(fc.constantFrom(...IMPACTS), { minLength: 2, maxLength: 2 }),
    severity: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
    updates: fc.integer({ min: 1, max: 4 }),
  })
  .map((r) => {
    const started = NOW - r.startMinutesAgo * MIN;
    const mitigated = Math.min(started + r.length * MIN, NOW);
    const open = r.open || mitigated >= NOW;
    const end = open ? NOW : mitigated;
    // Updates strictly between the start and the end, then (when closed) the resolving one at the end.
    const times = [
      ...new Set(
        Array.from({ length: r.updates }, (_, i) => started + Math.floor(((end - started) * i) / r.updates)),
      ),
    ];
    const all = open ? times : [...times.filter((t) => t < end), end];
    return {
      title: 'Generated incident',
      severity: r.severity,
      started: iso(started),
      ...(open ? {} : { mitigated: iso(mitigated), resolved: iso(end) }),
      components: r.components.map((id, i) => ({ id, impact: r.impacts[i]! })),
      updates: all.map((at, i) => ({
        at: iso(at),
        status: !open && i === all.length - 1 ? 'resolved' : i === 0 ? 'investigating' : 'identified',
        message: `Update ${i + 1} with **Markdown**.`,
      })),
    };
  });

function treeOf(incidents: Record<string, unknown>[]) {
  const tree = baseTree();
  tree.incidents = incidents.map((fm, i) => ({
    file: `gen/incidents/2026-01-01-gen-${i}.md`,
    text: `---\n${stringify(fm)}---\n`,
  }));
  return tree;
}

/**
 * Random valid content through the whole pipeline: it validates, and the outputs keep their invariants
 * (page status, uptime in range, bounded feeds, valid API documents, a report).
 */
export const validContent = fc.property(
  fc.array(incidentArb, { minLength: 1, maxLength: 12 }),
  (incidents) => {
    const result = validateContent(treeOf(incidents), { statusmarkNow: FIXTURE_NOW, realNow: NOW });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const content = result.content!;

    // Page status equals the worst impact active at the build clock.
    const current = currentStatus(content);
    const active = content.incidents
      .flatMap((i) => incidentWindows(i, NOW))
      .filter((w) => w.start <= NOW && (w.open || NOW < w.end));
    expect(current.page.worst).toBe(worstStatus(active.map((w) => w.status)));
    for (const [id, status] of current.statuses) {
      const own = active.filter((w) => w.componentId === id).map((w) => w.status);
      expect(status).toBe(
        own.reduce<ComponentStatus>((a, b) => (statusRank(b) > statusRank(a) ? b : a), 'operational'),
      );
    }

    // Uptime in range; feeds bounded; API documents valid.
    for (const [, windows] of windowsByComponent(content)) {
      const { ratio } = recentUptime(windows, content, 90);
      expect(ratio).toBeGreaterThanOrEqual(0);
      expect(ratio).toBeLessThanOrEqual(1);
    }
    expect(historyFeed(content).length).toBeLessThanOrEqual(FEED_LIMIT);
    const api = buildApiDocuments(content, 'https://status.test.example/');
    for (const name of Object.keys(API_DOCUMENTS) as (keyof typeof API_DOCUMENTS)[]) {
      expect(API_DOCUMENTS[name].safeParse(api[name]).success).toBe(true);
    }
    const report = buildMonthlyReport(content, monthContaining(NOW));
    expect(report.union.ratio).toBeGreaterThanOrEqual(0);
  },
);

const valid = {
  title: 'API errors',
  severity: 'P2',
  started: '2026-11-20T14:00:00Z',
  components: [{ id: 'api', impact: 'partial_outage' }],
  updates: [{ at: '2026-11-20T14:10:00Z', status: 'investigating', message: 'Looking.' }],
};
const keys = Object.keys(valid);
const junk = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...keys) }),
  fc.record({ kind: fc.constant('replace' as const), key: fc.constantFrom(...keys), value: junk }),
  fc.record({
    kind: fc.constant('unknown' as const),
    key: fc
      .string({ minLength: 1 })
      // "__proto__" cannot be set as a plain key from JavaScript; the YAML case is tested in test/loader.
      .filter((k) => k !== '__proto__' && !keys.includes(k) && !/[:#{}[\],&*?|<>=!%@`'"\\\n\r\t-]/.test(k)),
    value: junk,
  }),
  fc.record({ kind: fc.constant('text' as const), value: fc.string() }),
);

/**
 * Random invalid content (a field dropped, replaced or added, or text without front matter): rejected
 * with a message naming the file, never a crash.
 */
export const invalidContent = fc.property(mutation, (m) => {
  let text: string;
  if (m.kind === 'text') text = m.value;
  else {
    const fm: Record<string, unknown> = { ...valid };
    if (m.kind === 'drop') delete fm[m.key];
    else fm[m.key] = m.value;
    text = `---\n${stringify(fm)}---\n`;
  }
  const tree = baseTree();
  tree.incidents.push({ file: 'gen/incidents/2026-11-20-mutated.md', text });
  const result = validateContent(tree, { statusmarkNow: FIXTURE_NOW, realNow: NOW });
  const mine = result.problems.filter(
    (p) => p.file === 'gen/incidents/2026-11-20-mutated.md' && p.severity === 'error',
  );
  // Only a replaced value can happen to be valid (a string title), or an incident without components
  // (a notice, which names none); everything else must be rejected.
  if (result.content) return m.kind === 'replace' || (m.kind === 'drop' && m.key === 'components');
  expect(mine.length).toBeGreaterThan(0);
  for (const p of mine) expect(p.message.length).toBeGreaterThan(5);
  return true;
});
