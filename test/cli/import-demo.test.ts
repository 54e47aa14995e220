import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readContentTree } from '../../src/loader/read-tree.ts';
import { validateContent } from '../../src/loader/validate.ts';
import { buildOverview } from '../../src/views/overview.ts';
import { allReports } from '../../src/domain/report.ts';
import { buildSite } from '../helpers/build.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

// This file reads the repository's demo content/: the round trip imports the demo's own API back.

/** Every component's 90-day uptime and every month's availability, by component name. */
function figures(content: string, now: string) {
  const result = validateContent(readContentTree(content), { statusmarkNow: now, realNow: Date.now() });
  if (!result.content) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return {
    uptime: buildOverview(result.content).groups.flatMap((g) =>
      g.rows.map((r) => [r.component.name, r.uptime]),
    ),
    months: allReports(result.content).map((r) => [
      r.month.key,
      r.components.map((c) => [c.name, c.uptime.ratio, c.uptime.downtimeMinutes]),
    ]),
  };
}

describe('statusmark import statuspage, from the demo', () => {
  test("a round trip: the demo's own API imported into an empty site gives the same uptime and monthly availability", () => {
    const demo = buildSite('content', { STATUSMARK_NOW: '2026-11-23T01:10:00Z' });
    expect(demo.status, demo.output).toBe(0);
    const content = join(tempDir('import'), 'content');
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, 'site.yaml'), readFileSync('content/site.yaml', 'utf8'));
    const api = ['components.json', 'incidents.json'].map((f) => join(demo.outDir, 'api', 'v2', f));
    const result = runCli(['import', 'statuspage', ...api, '--content', content]);
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain('Imported 8 components, 42 incidents');
    expect(result.out).toContain('Everything was carried over exactly.');
    const original = figures('content', '2026-11-23T01:10:00Z');
    const imported = figures(content, '2026-11-23T01:10:00Z');
    expect(imported.uptime).toEqual(original.uptime);
    expect(imported.months).toEqual(original.months);
    expect(original.months.length).toBeGreaterThan(6);
    const rebuilt = buildSite(content, { STATUSMARK_NOW: '2026-11-23T01:10:00Z' });
    expect(rebuilt.status, rebuilt.output).toBe(0);
  }, 120_000);
});
