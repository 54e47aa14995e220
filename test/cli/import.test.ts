import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { frontMatterOf, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const FIXTURES = 'test/fixtures/import/statuspage';
const SOURCES = ['components.json', 'incidents.json', 'scheduled-maintenances.json'].map((f) =>
  join(FIXTURES, f),
);

/** An empty site: site.yaml only, as a team has after `statusmark init` and before its first incident. */
function emptySite(
  siteYaml = 'name: Beacon\nurl: https://status.beacon.example\ndescription: Beacon status.\n',
): string {
  const content = join(tempDir('import'), 'content');
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, 'site.yaml'), siteYaml);
  return content;
}

const importInto = (content: string, sources: string[], ...flags: string[]) =>
  runCli(['import', 'statuspage', ...sources, '--content', content, ...flags], {
    STATUSMARK_NOW: '2026-11-20T10:00:00Z',
  });

describe('statusmark import statuspage', () => {
  test('documented shapes: phases from status changes at different times, fractional seconds, nulls, a maintenance in progress', async () => {
    const content = emptySite();
    const result = await importInto(content, SOURCES);
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain(
      'Imported 3 components, 3 incidents (8 updates), 1 maintenance windows, 1 draft postmortems',
    );
    // Two components changing status at different times: the API goes from major to degraded, the
    // web app recovers at the same update; impact ends when the last one is operational again.
    expect(frontMatterOf(join(content, 'incidents', '2026-10-05-api-and-web-app-errors.md'))).toEqual({
      title: 'API and web app errors',
      severity: 'P1',
      started: '2026-10-05T13:00:00Z',
      mitigated: '2026-10-05T14:40:00Z',
      resolved: '2026-10-05T15:30:00Z',
      components: [
        { id: 'api', impact: 'major_outage', to: '2026-10-05T13:45:00Z' },
        { id: 'api', impact: 'degraded_performance', from: '2026-10-05T13:45:00Z' },
        { id: 'web-app', impact: 'partial_outage', to: '2026-10-05T13:45:00Z' },
      ],
      updates: [
        {
          at: '2026-10-05T13:02:11Z',
          status: 'investigating',
          message: 'The API and the web app fail for most requests.',
        },
        {
          at: '2026-10-05T13:45:00Z',
          status: 'identified',
          message: 'The web app is back; the API is still slow.',
        },
        { at: '2026-10-05T14:40:00Z', status: 'monitoring', message: 'Both are back; we are watching.' },
        { at: '2026-10-05T15:30:00Z', status: 'resolved', message: 'Resolved.' },
      ],
    });
    // Resolved without monitoring_at and without status changes: impact lasts until resolved.
    expect(frontMatterOf(join(content, 'incidents', '2026-09-01-slow-web-app.md'))).toMatchObject({
      severity: 'P3',
      started: '2026-09-01T12:00:00Z',
      mitigated: '2026-09-01T13:00:00Z',
      resolved: '2026-09-01T13:00:00Z',
      components: [{ id: 'web-app', impact: 'degraded_performance' }],
    });
    expect(
      frontMatterOf(join(content, 'maintenance', '2026-11-20-billing-database-upgrade.md')),
    ).toMatchObject({
      components: ['etc-passwd-billing'],
      scheduled_start: '2026-11-20T09:00:00Z',
      updates: [{ status: 'scheduled' }, { status: 'in_progress', message: 'The upgrade has started.' }],
    });
    expect(
      readFileSync(join(content, 'postmortems', '2026-10-05-api-and-web-app-errors.md'), 'utf8'),
    ).toContain('draft: true');
    // An incident that names no component is kept as a notice: no component, no uptime.
    expect(frontMatterOf(join(content, 'incidents', '2026-08-01-billing-emails-delayed.md'))).toMatchObject({
      title: 'Billing emails delayed',
      started: '2026-08-01T08:00:00Z',
      resolved: '2026-08-01T09:00:00Z',
      components: [],
    });
    expect(result.out).not.toContain('names no component');
    // A name can never become a path: every file is inside the content folder.
    expect(readdirSync(content).sort()).toEqual([
      'components.yaml',
      'incidents',
      'maintenance',
      'postmortems',
      'site.yaml',
    ]);
    const check = await runCli(['check', '--content', content], { STATUSMARK_NOW: '2026-11-20T10:00:00Z' });
    expect(check.code, check.out).toBe(0);
    // That what the importers write also builds: test/site/import-demo.test.ts.
  });

  test('importing again changes nothing; an existing file that differs is kept unless --force', async () => {
    const content = emptySite();
    expect((await importInto(content, SOURCES)).code).toBe(0);
    const path = join(content, 'incidents', '2026-09-01-slow-web-app.md');
    const first = readFileSync(path, 'utf8');
    const again = await importInto(content, SOURCES);
    expect(again.code, again.all).toBe(0);
    expect(again.out).toContain(`unchanged: ${path}`);
    expect(readFileSync(path, 'utf8')).toBe(first);
    writeFileSync(path, first.replace('The web app is slow.', 'Edited by hand.'));
    const kept = await importInto(content, SOURCES);
    expect(kept.out).toContain(`kept: ${path} exists (and differs); --force replaces it`);
    expect(readFileSync(path, 'utf8')).toContain('Edited by hand.');
    expect((await importInto(content, SOURCES, '--force')).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(first);
  });

  test('--dry-run writes nothing; --since leaves out what is older; a record that would not pass is skipped, not written', async () => {
    const content = emptySite();
    const dry = await importInto(content, SOURCES, '--dry-run');
    expect(dry.code, dry.all).toBe(0);
    expect(dry.out).toContain(`would write: ${join(content, 'incidents', '2026-09-01-slow-web-app.md')}`);
    expect(existsSync(join(content, 'incidents'))).toBe(false);
    const since = await importInto(content, SOURCES, '--since', '2026-10-01');
    expect(since.out).toContain('1 incidents');
    // A severity the site does not have makes that incident invalid: it is reported and left out.
    const strict = emptySite(
      'name: Beacon\nurl: https://status.beacon.example\ndescription: Beacon status.\nseverities:\n  - id: SEV1\n    label: Critical\n  - id: SEV2\n    label: Major\n',
    );
    const mapped = await importInto(strict, SOURCES, '--severities', 'critical=SEV1,major=SEV2');
    expect(mapped.code, mapped.all).toBe(0);
    expect(mapped.out).toContain('skipped incident inc001: severity "P3" is not a severity in site.yaml');
    expect(readdirSync(join(strict, 'incidents'))).toEqual(['2026-10-05-api-and-web-app-errors.md']);
  });

  test('a source that is not JSON, or not there, is a clear error', async () => {
    const content = emptySite();
    const notJson = join(tempDir('import'), 'page.html');
    writeFileSync(notJson, '<html>');
    const result = await importInto(content, [notJson]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${notJson}: is not JSON`);
    // JSON that holds no incident records (an error document, records without a name) imports nothing.
    const odd = join(tempDir('import'), 'odd.json');
    writeFileSync(odd, JSON.stringify({ incidents: [{ id: 'x' }, null], components: [{ name: 'No id' }] }));
    writeFileSync(join(content, 'components.yaml'), '- id: api\n  name: API\n');
    const nothing = await importInto(content, [odd]);
    expect(nothing.code, nothing.all).toBe(0);
    expect(nothing.out).toContain('Imported 0 components, 0 incidents');
    const missing = await importInto(content, ['nowhere.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nowhere.json: no such file');
    const http = await importInto(content, ['http://status.example.com/api/v2/incidents.json']);
    expect(http.err).toContain('only https:// addresses are fetched');
  });
});

describe('statusmark import cstate', () => {
  const CSTATE = 'test/fixtures/import/cstate';
  const importCstate = (content: string, folder = CSTATE) =>
    runCli(['import', 'cstate', folder, '--content', content], { STATUSMARK_NOW: '2026-11-20T10:00:00Z' });

  test('systems, categories and issues: severities, updates in order, the description kept, maintenance as a window', async () => {
    const content = emptySite();
    const result = await importCstate(content);
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain('Imported 3 components, 3 incidents (7 updates), 1 maintenance windows');
    expect(readFileSync(join(content, 'components.yaml'), 'utf8')).toBe(
      '- id: website\n  name: Website\n  description: Our main website.\n  group: Core\n- id: api\n  name: API\n  description: The public API.\n  group: Core\n- id: docs\n  name: Docs\n  group: Other\n',
    );
    const down = join(content, 'incidents', '2026-10-02-website-and-api-down.md');
    expect(frontMatterOf(down)).toEqual({
      title: 'Website and API down',
      severity: 'P1',
      started: '2026-10-02T14:00:00Z',
      mitigated: '2026-10-02T15:10:00Z',
      resolved: '2026-10-02T15:10:00Z',
      components: [
        { id: 'website', impact: 'major_outage' },
        { id: 'api', impact: 'major_outage' },
      ],
      updates: [
        {
          at: '2026-10-02T14:05:00Z',
          status: 'investigating',
          message: 'The website and the API do not answer.',
        },
        { at: '2026-10-02T14:50:00Z', status: 'monitoring', message: 'A fix is deployed; we are watching.' },
        { at: '2026-10-02T15:10:00Z', status: 'resolved', message: 'Everything works again.' },
      ],
    });
    expect(readFileSync(down, 'utf8')).toContain(
      '\nA power failure in one of our data centres took both down.\n',
    );
    // Times with a zone keep it; an open issue stays open, as a partial outage.
    expect(frontMatterOf(join(content, 'incidents', '2026-11-10-slow-documentation.md'))).toMatchObject({
      severity: 'P2',
      started: '2026-11-10T08:00:00Z',
      components: [{ id: 'docs', impact: 'partial_outage' }],
      updates: [
        { status: 'investigating' },
        { status: 'identified', message: 'A search index is rebuilding.' },
      ],
    });
    expect(frontMatterOf(join(content, 'incidents', '2026-09-01-our-new-status-page.md'))).toMatchObject({
      severity: 'P4',
    });
    expect(
      frontMatterOf(join(content, 'maintenance', '2026-11-15-scheduled-database-maintenance.md')),
    ).toMatchObject({
      components: ['api'],
      scheduled_start: '2026-11-15T02:00:00Z',
      scheduled_end: '2026-11-15T03:00:00Z',
    });
    expect(result.out).toContain(
      '2026-11-15-database-maintenance.md: reads as maintenance (title and severity); imported as a maintenance window',
    );
    expect(
      (await runCli(['check', '--content', content], { STATUSMARK_NOW: '2026-11-20T10:00:00Z' })).code,
    ).toBe(0);
    // That what the importers write also builds: test/site/import-demo.test.ts.
  });

  test('a TOML config reads the same; a folder that is not a cState site is a clear error', async () => {
    const site = tempDir('cstate');
    mkdirSync(join(site, 'content', 'issues'), { recursive: true });
    writeFileSync(
      join(site, 'config.toml'),
      'title = "Example"\ntimeZone = "Europe/Berlin"\n[params]\n[[params.systems]]\nname = "Website"\ncategory = "Core"\n[[params.categories]]\nname = "Core"\n',
    );
    writeFileSync(
      join(site, 'content', 'issues', 'outage.md'),
      '+++\ntitle = "Website down"\ndate = 2026-10-02T14:00:00\nresolved = true\nresolvedWhen = 2026-10-02T14:30:00\nseverity = "down"\naffected = ["Website"]\n+++\n\n*Investigating* - It is down. {{< track "2026-10-02 14:05:00" >}}\n',
    );
    const content = emptySite();
    const result = await importCstate(content, site);
    expect(result.code, result.all).toBe(0);
    // Times without a zone are in the config's timeZone (Berlin, summer time: UTC+2).
    expect(frontMatterOf(join(content, 'incidents', '2026-10-02-website-down.md'))).toMatchObject({
      started: '2026-10-02T12:00:00Z',
      resolved: '2026-10-02T12:30:00Z',
      updates: [{ at: '2026-10-02T12:05:00Z', status: 'investigating' }, { status: 'resolved' }],
      components: [{ id: 'website', impact: 'major_outage' }],
    });
    // An issue whose front matter does not parse is named and skipped; the others are imported.
    writeFileSync(join(site, 'content', 'issues', 'broken.md'), '---\ntitle: [unclosed\n---\nText.\n');
    const withBroken = await importCstate(emptySite(), site);
    expect(withBroken.code, withBroken.all).toBe(0);
    expect(withBroken.out).toContain('content/issues/broken.md: its front matter does not parse');
    expect(withBroken.out).toContain('1 incidents');
    const notCstate = await importCstate(emptySite(), tempDir('empty'));
    expect(notCstate.code).toBe(2);
    expect(notCstate.err).toContain(
      'has no Hugo config (config.yml, config.yaml, config.toml or hugo.*); is it a cState site?',
    );
  });
});
