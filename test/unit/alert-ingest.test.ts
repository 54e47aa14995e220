import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { AlertPayloadError, readAlertPayload, type AlertGroup } from '../../src/ingest/alert-payload.ts';
import { planDraft, type KnownIncident } from '../../src/ingest/draft-plan.ts';
import { proposeDraft, type Proposal } from '../../src/ingest/rule-match.ts';
import { alertRuleSchema, type AlertRule } from '../../src/schemas/alert.ts';

const payload = (name: string): unknown =>
  JSON.parse(readFileSync(`test/fixtures/ingest/payloads/${name}.json`, 'utf8')) as unknown;
const NOW = Date.parse('2026-11-24T02:00:00Z');
const MINUTE = 60_000;
const rules: AlertRule[] = [
  {
    match: { service: 'api' },
    components: ['api'],
    impact: 'partial_outage',
    severity: 'P2',
    template: 'errors',
  },
  {
    match: { alertname: 'High memory usage', team: 'blue' },
    components: ['api'],
    impact: 'degraded_performance',
    severity: 'P3',
  },
  {
    match: { alertname: 'High CPU usage', team: 'blue' },
    components: ['web', 'api'],
    impact: 'major_outage',
    severity: 'P1',
  },
  { match: { name: 'Website' }, components: ['web'], impact: 'major_outage', severity: 'P1', window: '2h' },
].map((rule) => alertRuleSchema.parse(rule));
const SEVERITIES = ['P1', 'P2', 'P3', 'P4'];

function proposal(group: AlertGroup): Proposal {
  const made = proposeDraft(group, rules, SEVERITIES);
  if (made.matched.length === 0) throw new Error('no rule matched');
  return made as Proposal;
}

describe('recognising an alert payload', () => {
  test('Alertmanager webhook version 4: its group key, fingerprints, and the start time in UTC', () => {
    const group = readAlertPayload(payload('alertmanager-firing'), NOW);
    expect(group).toMatchObject({
      source: 'alertmanager',
      described: 'Prometheus Alertmanager (webhook version 4)',
      group: 'alertmanager:{}/{severity="page"}:{alertname="HighErrorRate", service="api"}',
      status: 'firing',
    });
    expect(group.alerts).toEqual([
      expect.objectContaining({
        fingerprint: '1a30ba71cca2921f',
        status: 'firing',
        summary: 'API 5xx rate above 5% on api-1',
        startsAt: Date.parse('2026-11-24T00:52:26.739Z'),
      }),
    ]);
    expect(group.alerts[0]!.endsAt).toBeUndefined();
  });

  test('a resolved Alertmanager group carries each alert end', () => {
    const group = readAlertPayload(payload('alertmanager-resolved'), NOW);
    expect(group.status).toBe('resolved');
    expect(group.alerts.map((a) => a.endsAt)).toEqual([
      Date.parse('2026-11-24T01:31:02.5Z'),
      Date.parse('2026-11-24T01:33:40Z'),
    ]);
  });

  test('Grafana is told from Alertmanager by its own fields (orgId, state, values)', () => {
    const group = readAlertPayload(payload('grafana-firing'), NOW);
    expect(group.source).toBe('grafana');
    expect(group.described).toBe('Grafana alerting (webhook contact point)');
    expect(group.alerts.map((a) => a.fingerprint)).toEqual(['c6eadffa33fcdf37', 'bc97ff14869b13e3']);
  });

  test('Uptime Kuma: status 0 fires, 1 resolves; its zone-less UTC time is read as UTC; the monitor name is a label', () => {
    const down = readAlertPayload(payload('uptime-kuma-down'), NOW);
    expect(down).toMatchObject({ source: 'uptime-kuma', group: 'uptime-kuma:monitor:29', status: 'firing' });
    expect(down.alerts[0]).toMatchObject({
      labels: { name: 'Website', url: 'https://www.fixture.example' },
      startsAt: Date.parse('2026-11-24T01:40:35.527Z'),
    });
    const up = readAlertPayload(payload('uptime-kuma-up'), NOW);
    expect(up).toMatchObject({ status: 'resolved', group: 'uptime-kuma:monitor:29' });
    expect(up.alerts[0]!.endsAt).toBe(Date.parse('2026-11-24T01:52:10.101Z'));
    expect(readAlertPayload(payload('uptime-kuma-test'), NOW).ignored).toBe('a test message');
    const pending = { ...(payload('uptime-kuma-up') as Record<string, object>) };
    pending.heartbeat = { ...pending.heartbeat, status: 2 };
    expect(readAlertPayload(pending, NOW)).toMatchObject({
      ignored: 'a heartbeat of status 2 (neither down nor up)',
      alerts: [],
    });
  });

  test('Gatus sends no time: the time of receipt stands for it; a repository_dispatch body is unwrapped', () => {
    const group = readAlertPayload(payload('gatus-triggered'), NOW);
    expect(group).toMatchObject({ source: 'gatus', group: 'gatus:core/checkout', status: 'firing' });
    expect(group.alerts[0]).toMatchObject({ labels: { name: 'checkout', group: 'core' }, startsAt: NOW });
  });

  test('the generic JSON', () => {
    const group = readAlertPayload(payload('generic-firing'), NOW);
    expect(group).toMatchObject({
      source: 'generic',
      group: 'generic:queue-backlog',
      described: 'the generic alert JSON',
    });
    expect(group.alerts[0]).toMatchObject({
      labels: { service: 'queue' },
      startsAt: Date.parse('2026-11-24T01:45:00Z'),
    });
  });

  test("an alert's times are never later than its arrival, and it never ends before it starts", () => {
    const alert = (startsAt: string, endsAt: string) =>
      readAlertPayload({ alerts: [{ status: 'resolved', labels: { a: 'b' }, startsAt, endsAt }] }, NOW)
        .alerts[0]!;
    expect(alert('2099-01-01T00:00:00Z', '2099-01-01T01:00:00Z')).toMatchObject({
      startsAt: NOW,
      endsAt: NOW,
    });
    const early = Date.parse('2026-11-24T01:00:00Z');
    expect(alert('2026-11-24T01:00:00Z', '2026-11-23T00:00:00Z')).toMatchObject({
      startsAt: early,
      endsAt: early,
    });
    const generic = readAlertPayload({ group: 'x', status: 'firing', started: '2099-01-01T00:00:00Z' }, NOW)
      .alerts[0]!;
    expect(generic.startsAt).toBe(NOW);
    const kuma = readAlertPayload(
      { heartbeat: { status: 0, time: '2099-01-01 00:00:00.000' }, monitor: { id: 1, name: 'API' } },
      NOW,
    ).alerts[0]!;
    expect(kuma.startsAt).toBe(NOW);
  });

  test('anything else is refused with what it holds and what is read', () => {
    expect(() => readAlertPayload({ text: 'hello' }, NOW)).toThrow(AlertPayloadError);
    expect(() => readAlertPayload({ text: 'hello' }, NOW)).toThrow(
      /it has text\); it reads alertmanager, grafana, uptime-kuma, gatus, generic/,
    );
    expect(() => readAlertPayload({ alerts: [{}], version: '3' }, NOW)).toThrow(
      'version "3"; statusmark reads version 4',
    );
  });
});

describe('matching rules', () => {
  test('many alerts of one group make one proposal: the worst impact per component, the highest severity', () => {
    const made = proposal(readAlertPayload(payload('grafana-firing'), NOW));
    expect(made.components).toEqual([
      { id: 'api', impact: 'major_outage' },
      { id: 'web', impact: 'major_outage' },
    ]);
    expect(made.severity).toBe('P1');
    expect(made.title).toBe('This alert was triggered for zone us-1');
  });

  test('an alert no rule matches is reported apart and ignored', () => {
    const group = readAlertPayload(payload('generic-firing'), NOW);
    const made = proposeDraft(group, rules, SEVERITIES);
    expect(made.matched).toEqual([]);
    expect(made.unmatched.map((a) => a.labels.service)).toEqual(['queue']);
  });

  test('a monitor is matched by its name and titled by it; its rule sets the flapping window', () => {
    const made = proposal(readAlertPayload(payload('uptime-kuma-down'), NOW));
    expect(made).toMatchObject({ title: 'Website', window: 120 * MINUTE, severity: 'P1' });
  });
});

describe('planning a draft from the content alone', () => {
  const firing = readAlertPayload(payload('alertmanager-firing'), NOW);
  const key = firing.group;
  const draft = (alert: Partial<NonNullable<KnownIncident['alert']>> = {}): KnownIncident => ({
    id: 'd',
    draft: true,
    alert: {
      source: 'alertmanager',
      group: key,
      fingerprints: ['1a30ba71cca2921f'],
      first_seen: NOW - 60 * MINUTE,
      last_seen: NOW - 10 * MINUTE,
      ...alert,
    },
  });

  test('a new group makes a draft that starts when its first alert did', () => {
    expect(planDraft(firing, proposal(firing), [], NOW)).toMatchObject({
      kind: 'create',
      alert: { group: key, first_seen: Date.parse('2026-11-24T00:52:26.739Z'), last_seen: NOW },
    });
  });

  test('the same group firing again updates its draft; more alerts of it are added', () => {
    expect(planDraft(firing, proposal(firing), [draft()], NOW)).toMatchObject({
      kind: 'update',
      id: 'd',
      change: 'still fires',
    });
    const two = readAlertPayload(payload('alertmanager-firing-two'), NOW);
    const plan = planDraft(two, proposal(two), [draft()], NOW);
    expect(plan).toMatchObject({
      kind: 'update',
      change: 'grew',
      alert: { fingerprints: ['1a30ba71cca2921f', '7c3f2a91b0e4d815'] },
    });
  });

  test('a resolved group records its end on the draft, once', () => {
    const resolved = readAlertPayload(payload('alertmanager-resolved'), NOW);
    const plan = planDraft(resolved, proposal(resolved), [draft()], NOW);
    expect(plan).toMatchObject({
      kind: 'update',
      change: 'resolved',
      alert: { resolved_at: Date.parse('2026-11-24T01:33:40Z') },
    });
    const again = planDraft(resolved, proposal(resolved), [draft({ resolved_at: NOW - MINUTE })], NOW);
    expect(again.kind).toBe('nothing');
  });

  test('flapping: firing again within the window reopens the same draft; after it, a new draft', () => {
    const within = planDraft(firing, proposal(firing), [draft({ resolved_at: NOW - 59 * MINUTE })], NOW);
    expect(within).toMatchObject({ kind: 'update', id: 'd', change: 'fired again' });
    if (within.kind === 'update') expect(within.alert.resolved_at).toBeUndefined();
    expect(planDraft(firing, proposal(firing), [draft({ resolved_at: NOW - 60 * MINUTE })], NOW).kind).toBe(
      'create',
    );
  });

  test('a published incident is never changed: firing is nothing, resolving is a proposal to a person', () => {
    const published = { ...draft(), draft: false };
    expect(planDraft(firing, proposal(firing), [published], NOW)).toMatchObject({ kind: 'nothing' });
    const resolved = readAlertPayload(payload('alertmanager-resolved'), NOW);
    expect(planDraft(resolved, proposal(resolved), [published], NOW)).toEqual({
      kind: 'propose-resolution',
      id: 'd',
      at: Date.parse('2026-11-24T01:33:40Z'),
      issue: undefined,
    });
    const closed = { ...published, resolved: NOW - 30 * MINUTE };
    expect(planDraft(firing, proposal(firing), [closed], NOW).kind).toBe('nothing');
    expect(planDraft(firing, proposal(firing), [{ ...closed, resolved: NOW - 61 * MINUTE }], NOW).kind).toBe(
      'create',
    );
  });
});
