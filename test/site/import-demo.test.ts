import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { readContentTree } from '../../src/loader/read-tree.ts';
import { validateContent } from '../../src/loader/validate.ts';
import { buildOverview } from '../../src/views/overview.ts';
import { allReports } from '../../src/domain/report.ts';
import { buildSiteAsync } from '../helpers/build.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

// This file reads the repository's demo content/: the round trip imports the demo's own API back,
// from the run's build of the demo (test/setup/demo-build.ts).

const DEMO_NOW = '2026-11-23T01:10:00Z';
const demoApi = () =>
  ['components.json', 'incidents.json'].map((f) => join(inject('demoDist'), 'api', 'v2', f));

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

/** An empty site with the given site.yaml, as a team has it before its first incident. */
function emptySite(siteYaml: string): string {
  const content = join(tempDir('import'), 'content');
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, 'site.yaml'), siteYaml);
  return content;
}

describe('statusmark import statuspage, from the demo', () => {
  test("a round trip: the demo's own API imported into an empty site gives the same uptime and monthly availability", async () => {
    const content = emptySite(readFileSync('content/site.yaml', 'utf8'));
    const result = await runCli(['import', 'statuspage', ...demoApi(), '--content', content]);
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain('Imported 8 components, 42 incidents');
    expect(result.out).toContain('Everything was carried over exactly.');
    const original = figures('content', DEMO_NOW);
    const imported = figures(content, DEMO_NOW);
    expect(imported.uptime).toEqual(original.uptime);
    expect(imported.months).toEqual(original.months);
    expect(original.months.length).toBeGreaterThan(6);
  });
});

describe('what every importer writes', () => {
  // test/cli/import.test.ts checks each importer's files; here they are built, all into one site.
  test('builds: the demo API, a Statuspage export and a cState site imported into one site', async () => {
    const content = emptySite(
      'name: Beacon\nurl: https://status.beacon.example\ndescription: Beacon status.\n',
    );
    const env = { STATUSMARK_NOW: DEMO_NOW };
    const sources = [
      ['statuspage', ...demoApi()],
      [
        'statuspage',
        ...['components.json', 'incidents.json', 'scheduled-maintenances.json'].map((f) =>
          join('test/fixtures/import/statuspage', f),
        ),
      ],
      ['cstate', 'test/fixtures/import/cstate'],
    ];
    for (const source of sources) {
      const result = await runCli(['import', ...source, '--content', content], env);
      expect(result.code, result.all).toBe(0);
    }
    const check = await runCli(['check', '--content', content], env);
    expect(check.code, check.out).toBe(0);
    const build = await buildSiteAsync(content, env);
    expect(build.status, build.output).toBe(0);
    for (const page of [
      'incidents/2026-06-24-payments-api-outage', // from the demo
      'incidents/2026-10-05-api-and-web-app-errors', // from the Statuspage export
      'incidents/2026-10-02-website-and-api-down', // from cState
      'postmortems/2026-10-05-api-and-web-app-errors', // a draft: not published
    ])
      expect(existsSync(join(build.outDir, page, 'index.html')), page).toBe(!page.startsWith('postmortems/'));
  }, 120_000);
});
