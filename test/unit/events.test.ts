import { describe, expect, test } from 'vitest';
import { subscriberEvents, componentChanges } from '../../src/events/subscriber-events.ts';
import { updateAnchor } from '../../src/events/update-anchors.ts';
import { historyFeed } from '../../src/formats/feeds.ts';
import { buildApiDocuments } from '../../src/formats/statuspage-documents.ts';
import { incident, maintenance, NOW, postmortem, siteContent } from '../helpers/entries.ts';

// The clock of siteContent() is 2026-11-23T12:00:00Z.
const update = (at: string, status: string, message = `At ${at}.`) => ({ at, status, message });

const opened = {
  started: '2026-11-23T10:00:00Z',
  components: [{ id: 'api', impact: 'partial_outage' }],
  updates: [
    update('2026-11-23T10:05:00Z', 'investigating'),
    update('2026-11-23T10:30:00Z', 'identified'),
    update('2026-11-23T11:00:00Z', 'monitoring'),
  ],
};

describe('event ids', () => {
  test('inserting an update before others leaves the later updates’ ids, links and API ids unchanged', () => {
    const before = siteContent({ incidents: [incident('api-errors', opened)] });
    const inserted = {
      ...opened,
      updates: [
        opened.updates[0],
        update('2026-11-23T10:15:00Z', 'investigating'),
        ...opened.updates.slice(1),
      ],
    };
    const after = siteContent({ incidents: [incident('api-errors', inserted)] });
    const ids = (content: typeof before) => subscriberEvents(content).map((e) => e.id);
    expect(ids(before)).toEqual([
      'incident/api-errors/update-20261123T1005Z',
      'incident/api-errors/update-20261123T1030Z',
      'incident/api-errors/update-20261123T1100Z',
    ]);
    expect(ids(after)).toEqual([
      'incident/api-errors/update-20261123T1005Z',
      'incident/api-errors/update-20261123T1015Z',
      'incident/api-errors/update-20261123T1030Z',
      'incident/api-errors/update-20261123T1100Z',
    ]);
    // The feed's links and the JSON API's update ids keep theirs too.
    const links = (content: typeof before) => historyFeed(content).map((i) => i.link);
    expect(links(after).filter((link) => !link.endsWith('T1015Z'))).toEqual(links(before));
    const apiIds = (content: typeof before) =>
      buildApiDocuments(content, 'https://status.test.example/')[
        'incidents.json'
      ].incidents[0]!.incident_updates.map((u) => u.id);
    expect(apiIds(after)).toEqual([
      'api-errors-update-20261123T1100Z',
      'api-errors-update-20261123T1030Z',
      'api-errors-update-20261123T1015Z',
      'api-errors-update-20261123T1005Z',
    ]);
    expect(apiIds(after).filter((id) => !id.endsWith('T1015Z'))).toEqual(apiIds(before));
  });

  test('updates in the same minute are told apart by a suffix, in their order', () => {
    const updates = [
      { at: Date.parse('2026-11-23T10:05:10Z') },
      { at: Date.parse('2026-11-23T10:05:40Z') },
      { at: Date.parse('2026-11-23T10:06:00Z') },
    ];
    expect(updates.map((_, i) => updateAnchor(updates, i))).toEqual([
      'update-20261123T1005Z',
      'update-20261123T1005Z-2',
      'update-20261123T1006Z',
    ]);
  });
});

describe('the events of a site', () => {
  test('incident updates, a window’s announcement, start and end, each occurrence of a series and a postmortem, oldest first, none after the clock', () => {
    const content = siteContent({
      incidents: [
        incident('old-outage', {
          started: '2026-11-20T10:00:00Z',
          mitigated: '2026-11-20T11:00:00Z',
          resolved: '2026-11-20T11:00:00Z',
          components: [{ id: 'web', impact: 'major_outage' }],
          updates: [
            update('2026-11-20T10:00:00Z', 'investigating'),
            update('2026-11-20T11:00:00Z', 'resolved'),
          ],
        }),
      ],
      maintenance: [
        maintenance('db-upgrade', {
          announced: '2026-11-21T09:00:00Z',
          scheduled_start: '2026-11-23T08:00:00Z',
          scheduled_end: '2026-11-23T13:00:00Z',
        }),
        maintenance('weekly', {
          announced: '2026-11-01T09:00:00Z',
          scheduled_start: '2026-11-09T03:00:00Z',
          scheduled_end: '2026-11-09T04:00:00Z',
          recurrence: 'FREQ=WEEKLY;COUNT=3',
        }),
      ],
      postmortems: [postmortem('old-outage', { published: '2026-11-22T10:00:00Z' })],
    });
    const events = subscriberEvents(content);
    expect(events.map((e) => [e.type, e.id, new Date(e.at).toISOString()])).toEqual([
      ['maintenance_scheduled', 'maintenance/weekly/scheduled', '2026-11-01T09:00:00.000Z'],
      ['maintenance_started', 'maintenance/weekly@2026-11-09/started', '2026-11-09T03:00:00.000Z'],
      ['maintenance_completed', 'maintenance/weekly@2026-11-09/completed', '2026-11-09T04:00:00.000Z'],
      ['maintenance_started', 'maintenance/weekly@2026-11-16/started', '2026-11-16T03:00:00.000Z'],
      ['maintenance_completed', 'maintenance/weekly@2026-11-16/completed', '2026-11-16T04:00:00.000Z'],
      ['incident_update', 'incident/old-outage/update-20261120T1000Z', '2026-11-20T10:00:00.000Z'],
      ['incident_update', 'incident/old-outage/update-20261120T1100Z', '2026-11-20T11:00:00.000Z'],
      ['maintenance_scheduled', 'maintenance/db-upgrade/scheduled', '2026-11-21T09:00:00.000Z'],
      ['postmortem_published', 'postmortem/old-outage', '2026-11-22T10:00:00.000Z'],
      ['maintenance_started', 'maintenance/weekly@2026-11-23/started', '2026-11-23T03:00:00.000Z'],
      ['maintenance_completed', 'maintenance/weekly@2026-11-23/completed', '2026-11-23T04:00:00.000Z'],
      // Still under way at the clock: it has started, and is not yet completed.
      ['maintenance_started', 'maintenance/db-upgrade/started', '2026-11-23T08:00:00.000Z'],
    ]);
    expect(events.every((e) => e.at <= NOW)).toBe(true);
    // The first update opens the incident's thread; the postmortem joins it.
    expect(events.filter((e) => e.thread === 'incident/old-outage').map((e) => e.opens)).toEqual([
      true,
      false,
      false,
    ]);
    expect(events.find((e) => e.type === 'maintenance_started')?.path).toBe(
      '/maintenance/weekly/#on-2026-11-09',
    );
  });

  test('a component’s status changes are events of their own, from a given time on', () => {
    const mitigated = { ...opened, mitigated: '2026-11-23T11:00:00Z' };
    const content = siteContent({ incidents: [incident('api-errors', mitigated)] });
    const changes = componentChanges(content, Date.parse('2026-11-23T00:00:00Z'));
    expect(changes.map((e) => e.type === 'component_status' && [e.id, e.from, e.to])).toEqual([
      ['component/api/2026-11-23T10:00:00.000Z', 'operational', 'partial_outage'],
      ['component/api/2026-11-23T11:00:00.000Z', 'partial_outage', 'operational'],
    ]);
    expect(componentChanges(content, Date.parse('2026-11-23T11:30:00Z'))).toEqual([]);
  });
});
