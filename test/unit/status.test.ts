import { englishLocale } from '../../src/loader/catalogues.ts';
import { describe, expect, test } from 'vitest';
import {
  componentStatusesAt,
  incidentIndicator,
  impactSummary,
  incidentWindows,
  maintenanceState,
  maintenanceWindows,
  pageHeadline,
  pageStatus,
} from '../../src/domain/statuses.ts';
import { NOW, components, incident, maintenance } from '../helpers/entries.ts';

const ongoingPartial = incident('api-errors', {
  started: '2026-11-23T11:00:00Z',
  components: [
    { id: 'api', impact: 'partial_outage' },
    { id: 'webhooks', impact: 'degraded_performance' },
  ],
});
const resolvedMajor = incident('old-outage', {
  started: '2026-11-20T10:00:00Z',
  mitigated: '2026-11-20T11:00:00Z',
  resolved: '2026-11-20T11:30:00Z',
  components: [{ id: 'web', impact: 'major_outage' }],
  updates: [{ at: '2026-11-20T11:30:00Z', status: 'resolved', message: 'Fixed.' }],
});

function statusesNow(
  incidents = [ongoingPartial, resolvedMajor],
  windows = incidents.flatMap((i) => incidentWindows(i, NOW)),
) {
  return componentStatusesAt(components, windows, NOW);
}

describe('component status at an instant', () => {
  test('is the worst impact among windows active then', () => {
    expect(Object.fromEntries(statusesNow())).toEqual({
      api: 'partial_outage',
      web: 'operational',
      webhooks: 'degraded_performance',
    });
  });

  test('a mitigated incident no longer counts even if not yet resolved', () => {
    const monitoring = incident('monitoring', {
      started: '2026-11-23T10:00:00Z',
      mitigated: '2026-11-23T11:00:00Z',
      components: [{ id: 'web', impact: 'major_outage' }],
      updates: [{ at: '2026-11-23T11:05:00Z', status: 'monitoring', message: 'Watching.' }],
    });
    expect(statusesNow([monitoring]).get('web')).toBe('operational');
  });

  test('phases: an earlier major outage phase has ended, the later degraded phase holds', () => {
    const phased = incident('phased', {
      started: '2026-11-23T09:00:00Z',
      components: [
        { id: 'api', impact: 'major_outage', to: '2026-11-23T10:00:00Z' },
        { id: 'api', impact: 'degraded_performance', from: '2026-11-23T10:00:00Z' },
      ],
    });
    expect(statusesNow([phased]).get('api')).toBe('degraded_performance');
  });

  test('overlapping incidents: the worst wins', () => {
    const second = incident('second', {
      started: '2026-11-23T11:30:00Z',
      components: [{ id: 'api', impact: 'major_outage' }],
    });
    expect(statusesNow([ongoingPartial, second]).get('api')).toBe('major_outage');
  });

  test('an active maintenance window shows as under maintenance unless an incident is worse', () => {
    const window = maintenance('db', {
      scheduled_start: '2026-11-23T11:00:00Z',
      scheduled_end: '2026-11-23T13:00:00Z',
      components: ['api', 'web'],
    });
    const statuses = statusesNow(
      [ongoingPartial],
      [...incidentWindows(ongoingPartial, NOW), ...maintenanceWindows(window, NOW)],
    );
    expect(statuses.get('web')).toBe('under_maintenance');
    expect(statuses.get('api')).toBe('partial_outage');
  });
});

const english = englishLocale('UTC');

describe('page status', () => {
  test('names the worst status and its components in words', () => {
    const page = pageStatus(components, statusesNow(), [ongoingPartial], false);
    expect(page).toMatchObject({ indicator: 'major', description: 'Partial System Outage' });
    expect(pageHeadline(page, english)).toBe('Partial outage: API');
  });

  test('all operational', () => {
    const page = pageStatus(components, statusesNow([resolvedMajor]), [], false);
    expect(page).toMatchObject({ indicator: 'none', description: 'All Systems Operational' });
    expect(pageHeadline(page, english)).toBe('All systems operational');
  });

  test('maintenance only', () => {
    const statuses = new Map(
      components.map((c) => [
        c.id,
        c.id === 'api' ? ('under_maintenance' as const) : ('operational' as const),
      ]),
    );
    const page = pageStatus(components, statuses, [], true);
    expect(page).toMatchObject({ indicator: 'maintenance', description: 'Service Under Maintenance' });
    expect(pageHeadline(page, english)).toBe('Under maintenance: API');
  });

  test.each([
    ['degraded_performance', 'minor'],
    ['partial_outage', 'major'],
    ['major_outage', 'critical'],
  ] as const)("an incident's worst impact %s maps to Statuspage impact %s", (impact, indicator) => {
    expect(
      incidentIndicator(
        incident('x', { started: '2026-11-23T11:00:00Z', components: [{ id: 'api', impact }] }),
      ),
    ).toBe(indicator);
  });
});

describe('maintenance state', () => {
  const window = maintenance('w', {
    scheduled_start: '2026-11-23T11:00:00Z',
    scheduled_end: '2026-11-23T13:00:00Z',
  });
  test.each([
    ['2026-11-23T10:59:00Z', 'scheduled'],
    ['2026-11-23T11:00:00Z', 'in_progress'],
    ['2026-11-23T13:00:00Z', 'completed'],
  ])('at %s it is %s by the clock', (at, state) => {
    expect(maintenanceState(window, Date.parse(at))).toBe(state);
  });

  test('an update saying completed ends it early', () => {
    const done = maintenance('d', {
      scheduled_start: '2026-11-23T10:00:00Z',
      scheduled_end: '2026-11-23T14:00:00Z',
      updates: [{ at: '2026-11-23T11:00:00Z', status: 'completed', message: 'Done early.' }],
    });
    expect(maintenanceState(done, NOW)).toBe('completed');
    expect(maintenanceWindows(done, NOW)[0]?.end).toBe(Date.parse('2026-11-23T11:00:00Z'));
  });

  test('a cancelled window is cancelled and affects nothing', () => {
    const cancelled = maintenance('c', {
      scheduled_start: '2026-11-23T11:00:00Z',
      scheduled_end: '2026-11-23T13:00:00Z',
      cancelled: true,
    });
    expect(maintenanceState(cancelled, NOW)).toBe('cancelled');
    expect(maintenanceWindows(cancelled, NOW)).toEqual([]);
  });
});

describe('impactSummary: what one line says of an incident', () => {
  test('a de-escalated incident shows the impact it has now, not its peak', () => {
    const deescalated = incident('dns', {
      started: '2026-11-23T09:00:00Z',
      components: [
        { id: 'api', impact: 'major_outage', to: '2026-11-23T10:00:00Z' },
        { id: 'api', impact: 'degraded_performance', from: '2026-11-23T10:00:00Z' },
      ],
    });
    expect(impactSummary(deescalated, NOW)).toEqual({
      stage: 'investigating',
      impact: 'degraded_performance',
      peak: false,
    });
  });

  test('once the impact is over (mitigated, or resolved) the peak is shown and called so', () => {
    const mitigated = incident('mitigated', {
      started: '2026-11-23T09:00:00Z',
      mitigated: '2026-11-23T10:00:00Z',
      components: [{ id: 'api', impact: 'major_outage' }],
    });
    expect(impactSummary(mitigated, NOW)).toMatchObject({ impact: 'major_outage', peak: true });
    expect(impactSummary(resolvedMajor, NOW)).toEqual({
      stage: 'resolved',
      impact: 'major_outage',
      peak: true,
    });
    expect(impactSummary(ongoingPartial, NOW)).toMatchObject({ impact: 'partial_outage', peak: false });
  });
});
