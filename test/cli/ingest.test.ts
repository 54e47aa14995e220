import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { readContentTree } from '../../src/loader/read-tree.ts';
import { validateContent } from '../../src/loader/validate.ts';
import { buildMonthlyReport, reportMonths } from '../../src/domain/report.ts';
import { parseChat } from '../../src/cli/commands/chatops.ts';
import { postArgs } from '../../src/cli/commands/post.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

/** A draft's front matter, as far as these tests read it. */
type DraftFile = Record<string, unknown> & {
  updates: Record<string, unknown>[];
  alert: Record<string, unknown>;
};

const PAYLOADS = 'test/fixtures/ingest/payloads';
let content: string;

beforeEach(() => {
  content = join(tempDir('ingest'), 'content');
  cpSync('test/fixtures/ingest/site', content, { recursive: true });
});

const at = (time: string) => ({ STATUSMARK_NOW: time });
const ingest = (name: string, time = '2026-11-24T02:00:00Z') =>
  runCli(['ingest', join(PAYLOADS, `${name}.json`), '--content', content], at(time));
const drafts = () => readdirSync(join(content, 'incidents')).sort();
const frontMatter = (id: string) =>
  parse(readFileSync(join(content, 'incidents', `${id}.md`), 'utf8').split('---\n')[1]!) as DraftFile;
const built = (time: string) =>
  validateContent(readContentTree(content), { statusmarkNow: time, realNow: Date.parse(time) });

const API = '2026-11-24-elevated-error-rates-on-the-api';

describe('statusmark ingest', () => {
  test('a file that is not a payload is refused with a message that quotes none of it', async () => {
    const file = join(content, '..', 'wrong.json');
    writeFileSync(file, 'token=s3cret-value');
    const notJson = await runCli(['ingest', file, '--content', content], at('2026-11-24T02:00:00Z'));
    expect(notJson.code).toBe(1);
    expect(notJson.all).toContain('is not JSON (an unexpected character)');
    expect(notJson.all).not.toContain('s3cret');
    writeFileSync(file, `{"x": "${'a'.repeat(1_000_001)}"}`);
    const huge = await runCli(['ingest', file, '--content', content], at('2026-11-24T02:00:00Z'));
    expect(huge.code).toBe(1);
    expect(huge.all).toContain('is larger than 1000000 bytes: it is not an alert payload');
  });

  test('an Alertmanager alert becomes a draft: the alert start, detection: alert, the rule and its template', async () => {
    const result = await ingest('alertmanager-firing');
    expect(result.code, result.all).toBe(0);
    expect(result.out).toContain('Recognised Prometheus Alertmanager (webhook version 4)');
    expect(result.out).toContain(`statusmark publish ${API}`);
    expect(drafts()).toEqual([`${API}.md`]);
    expect(frontMatter(API)).toEqual({
      title: 'Elevated error rates on the API',
      draft: true,
      severity: 'P2',
      started: '2026-11-24T00:52:26Z',
      detected: '2026-11-24T00:52:26Z',
      detection: 'alert',
      components: [{ id: 'api', impact: 'partial_outage' }],
      updates: [
        {
          at: '2026-11-24T02:00:00Z',
          status: 'investigating',
          message:
            'Since 00:52 UTC, some requests to the API fail. We are investigating and will post an update by 02:30 UTC.',
          next_update: '2026-11-24T02:30:00Z',
        },
      ],
      alert: {
        source: 'alertmanager',
        group: 'alertmanager:{}/{severity="page"}:{alertname="HighErrorRate", service="api"}',
        fingerprints: ['1a30ba71cca2921f'],
        first_seen: '2026-11-24T00:52:26Z',
        last_seen: '2026-11-24T02:00:00Z',
      },
    });
  });

  test('a draft appears in no output of the content: not an incident, not in the status', async () => {
    await ingest('alertmanager-firing');
    const result = built('2026-11-24T02:05:00Z');
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.content!.incidents).toEqual([]);
    const status = await runCli(['status', '--content', content], at('2026-11-24T02:05:00Z'));
    expect(status.out).not.toContain('Elevated error rates');
  });

  test('idempotent: the same group again, and more alerts of it, update the one draft; resolving records the end', async () => {
    await ingest('alertmanager-firing');
    const again = await ingest('alertmanager-firing', '2026-11-24T02:05:00Z');
    expect(again.out).toContain('(the alert group still fires)');
    const two = await ingest('alertmanager-firing-two', '2026-11-24T02:10:00Z');
    expect(two.out).toContain('(the alert group grew)');
    const resolved = await ingest('alertmanager-resolved', '2026-11-24T02:15:00Z');
    expect(resolved.out).toContain('(the alert group resolved)');
    expect(drafts()).toEqual([`${API}.md`]);
    expect(frontMatter(API).alert).toEqual({
      source: 'alertmanager',
      group: 'alertmanager:{}/{severity="page"}:{alertname="HighErrorRate", service="api"}',
      fingerprints: ['1a30ba71cca2921f', '7c3f2a91b0e4d815'],
      first_seen: '2026-11-24T00:52:26Z',
      last_seen: '2026-11-24T02:10:00Z',
      resolved_at: '2026-11-24T01:33:40Z',
    });
    // The public part of the draft is as first written.
    expect(frontMatter(API).updates[0]!.at).toBe('2026-11-24T02:00:00Z');
  });

  test('flapping: a monitor down again within its window keeps one draft; after the window, a second', async () => {
    await ingest('uptime-kuma-down', '2026-11-24T01:41:00Z');
    await ingest('uptime-kuma-up', '2026-11-24T01:53:00Z');
    const back = await ingest('uptime-kuma-down', '2026-11-24T03:00:00Z');
    expect(back.out).toContain('(the alert group fired again)');
    expect(drafts()).toEqual(['2026-11-24-website.md']);
    await ingest('uptime-kuma-up', '2026-11-24T03:10:00Z');
    await ingest('uptime-kuma-down', '2026-11-24T05:20:00Z');
    expect(drafts()).toEqual(['2026-11-24-website-2.md', '2026-11-24-website.md']);
  });

  test('each source is named; an alert no rule matches is reported and nothing is written', async () => {
    const grafana = await ingest('grafana-firing');
    expect(grafana.out).toContain('Recognised Grafana alerting (webhook contact point)');
    const gatus = await ingest('gatus-triggered');
    expect(gatus.out).toContain('Recognised Gatus (custom alerting provider): group gatus:core/checkout');
    const kuma = await ingest('uptime-kuma-test');
    expect(kuma.out).toContain('Recognised Uptime Kuma (webhook)');
    expect(kuma.out).toContain('A test message: nothing to do.');
    const before = drafts();
    writeFileSync(
      join(content, 'stray.json'),
      JSON.stringify({ group: 'disk', status: 'firing', labels: { host: 'db-1' } }),
    );
    const stray = await runCli(
      ['ingest', join(content, 'stray.json'), '--content', content],
      at('2026-11-24T02:00:00Z'),
    );
    expect(stray.code).toBe(0);
    expect(stray.out).toContain('Recognised the generic alert JSON');
    expect(stray.out).toContain(
      'No rule under "alerts:" in site.yaml matches {"host":"db-1"}; that alert is ignored.',
    );
    expect(drafts()).toEqual(before);
  });

  test('a payload it does not know is refused, saying what it read', async () => {
    writeFileSync(join(content, 'x.json'), JSON.stringify({ text: 'Deploy finished' }));
    const result = await runCli(
      ['ingest', join(content, 'x.json'), '--content', content],
      at('2026-11-24T02:00:00Z'),
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'Not an alert payload statusmark can read: not an alert payload statusmark knows (it has text)',
    );
  });
});

describe('statusmark publish', () => {
  test('publishes the draft with its first update now; time to detect counts from the alert', async () => {
    await ingest('alertmanager-firing');
    const result = await runCli(['publish', API, '--content', content], at('2026-11-24T02:20:00Z'));
    expect(result.code, result.all).toBe(0);
    const data = frontMatter(API);
    expect(data.draft).toBeUndefined();
    expect(data).toMatchObject({
      started: '2026-11-24T00:52:26Z',
      detected: '2026-11-24T00:52:26Z',
      acknowledged: '2026-11-24T02:20:00Z',
    });
    expect(data.updates[0]).toEqual({
      at: '2026-11-24T02:20:00Z',
      status: 'investigating',
      message:
        'Since 00:52 UTC, some requests to the API fail. We are investigating and will post an update by 02:50 UTC.',
      next_update: '2026-11-24T02:50:00Z',
    });
    const published = built('2026-11-24T02:25:00Z').content!;
    expect(published.incidents.map((i) => i.id)).toEqual([API]);
    // The monthly report: detected at the alert's start, acknowledged when a person published it.
    const report = buildMonthlyReport(
      published,
      reportMonths(published).find((m) => m.key === '2026-11')!,
    );
    expect(report.metrics.detect.median).toBe(0);
    expect(report.metrics.acknowledge.median).toBe(
      Date.parse('2026-11-24T02:20:00Z') - Date.parse('2026-11-24T00:52:26Z'),
    );
    const again = await runCli(['publish', API, '--content', content], at('2026-11-24T02:21:00Z'));
    expect(again.code).toBe(2);
    expect(again.err).toContain(`${API} is not a draft: it is published already`);
  });

  test('an alert resolving a published incident changes nothing: it proposes the resolution', async () => {
    await ingest('alertmanager-firing');
    await runCli(['publish', API, '--content', content], at('2026-11-24T02:20:00Z'));
    const before = readFileSync(join(content, 'incidents', `${API}.md`), 'utf8');
    const resolved = await ingest('alertmanager-resolved', '2026-11-24T02:30:00Z');
    expect(resolved.out).toContain(
      `${API} is published and still open; its alerts resolved at 2026-11-24T01:33:40Z. Nothing public was changed: to resolve it, run "statusmark resolve ${API} --mitigated 2026-11-24T01:33:40Z"`,
    );
    expect(readFileSync(join(content, 'incidents', `${API}.md`), 'utf8')).toBe(before);
  });
});

describe('statusmark check validates the alert rules', () => {
  test('an unknown component, severity or template is an error on its line', async () => {
    const site = join(content, 'site.yaml');
    writeFileSync(
      site,
      readFileSync(site, 'utf8')
        .replace(
          'components: [api]\n    impact: partial_outage\n    severity: P2',
          'components: [apii]\n    impact: partial_outage\n    severity: P7',
        )
        .replace('template: elevated-error-rates', 'template: elevated-errors'),
    );
    const result = await runCli(['check', '--content', content], at('2026-11-24T02:00:00Z'));
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'site.yaml:6  alerts[0].components[0]  "apii" is not a component in components.yaml; use one of "api", "web"',
    );
    expect(result.out).toContain('site.yaml:8  alerts[0].severity  "P7" is not a severity in site.yaml');
    expect(result.out).toContain(
      'site.yaml:9  alerts[0].template  "elevated-errors" is not a template in content/templates; use one of "elevated-error-rates"',
    );
  });
});

describe('publishing from GitHub', () => {
  test('"/publish" on an issue and "publish" in the Post a status update form name the draft', () => {
    expect(parseChat('/publish')).toEqual({ kind: 'publish' });
    expect(postArgs({ action: 'publish', incident: API }, content, Date.now())).toEqual({
      command: 'publish',
      args: { positionals: [API], flags: new Map([['content', [content]]]) },
    });
    expect(() => postArgs({ action: 'publish' }, content, Date.now())).toThrow(
      'publish needs the id of the draft incident, as its alert issue names it',
    );
  });
});
