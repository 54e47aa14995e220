import { describe, expect, test } from 'vitest';
import { computeUptime } from '../../src/domain/availability.ts';
import type { StatusWindow } from '../../src/domain/statuses.ts';
import { parseMarkdownFile } from '../../src/loader/front-matter.ts';
import { ProblemCollector } from '../../src/loader/problem.ts';
import { checkTexts } from '../../src/loader/rules/text-rules.ts';

const MIN = 60_000;
const weights = { major_outage: 1, partial_outage: 0.3, degraded_performance: 0 };

// What a large archive costs to build grows with its size, not with its square: these inputs took
// seconds each where comparing everything with everything else.
describe('the cost of a busy archive', () => {
  test('a month of 20,000 short outages is swept in well under two seconds', () => {
    const start = Date.UTC(2026, 5, 1);
    const windows: StatusWindow[] = Array.from({ length: 20_000 }, (_, i) => ({
      componentId: 'api',
      status: i % 2 ? 'major_outage' : 'partial_outage',
      start: start + i * 2 * MIN,
      end: start + (i * 2 + 1) * MIN,
      open: false,
      sourceId: `incident-${i}`,
    }));
    const began = performance.now();
    const uptime = computeUptime(
      windows,
      { start, end: Date.UTC(2026, 6, 1) },
      { weights, maintenance: 'up' },
    );
    expect(performance.now() - began).toBeLessThan(2000);
    expect(uptime.minutesByStatus.major_outage).toBe(10_000);
    expect(uptime.downtimeMinutes).toBeCloseTo(10_000 + 10_000 * 0.3);
  });
});

describe('the cost of checking a file', () => {
  // Lines come from a second, several times slower YAML parse: every command checks every file, and
  // only a file with a problem needs its lines.
  test('the texts of a valid incident are checked without looking up a single line', () => {
    const text = [
      '---',
      'title: Elevated errors',
      'updates:',
      '  - at: 2026-11-20T14:00:00Z',
      '    status: investigating',
      '    message: We are **investigating**.',
      '---',
      '',
      'What customers saw.',
      '',
    ].join('\n');
    const parsed = parseMarkdownFile(text);
    let lookups = 0;
    const report = new ProblemCollector();
    checkTexts(
      { file: 'incidents/x.md', text },
      { ...parsed, lineOf: (path) => (lookups++, parsed.lineOf(path)) },
      report,
    );
    expect(lookups).toBe(0);
  });
});
