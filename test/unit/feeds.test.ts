import { describe, expect, test } from 'vitest';
import { FEED_LIMIT, historyFeed, updateItems } from '../../src/formats/feeds.ts';
import { API_LIMIT, buildApiDocuments } from '../../src/formats/statuspage-documents.ts';
import { API_DOCUMENTS } from '../../src/schemas/statuspage-api.ts';
import { incident, maintenance, siteContent } from '../helpers/entries.ts';

const base = {
  started: '2026-11-23T10:00:00Z',
  components: [{ id: 'api', impact: 'partial_outage' }],
  updates: [{ at: '2026-11-23T10:05:00Z', status: 'investigating', message: 'Looking into **errors**.' }],
};

describe('feed items', () => {
  test('a new update creates a new item and leaves the earlier ones unchanged', () => {
    const before = updateItems(siteContent({ incidents: [incident('api-errors', base)] }));
    const after = updateItems(
      siteContent({
        incidents: [
          incident('api-errors', {
            ...base,
            updates: [
              ...base.updates,
              { at: '2026-11-23T10:30:00Z', status: 'identified', message: 'Found it.' },
            ],
          }),
        ],
      }),
    );
    expect(before.map((i) => i.link)).toEqual(['/incidents/api-errors/#update-20261123T1005Z']);
    expect(after.map((i) => [i.key, i.link])).toEqual([
      ['incident/api-errors/update-20261123T1030Z', '/incidents/api-errors/#update-20261123T1030Z'],
      ['incident/api-errors/update-20261123T1005Z', '/incidents/api-errors/#update-20261123T1005Z'],
    ]);
    expect(after[1]).toEqual(before[0]);
    expect(after[0]).toMatchObject({
      title: '[Identified] Incident api-errors',
      description: 'Found it.',
      content: '<p>Found it.</p>',
    });
  });

  test('descriptions are plain text and content is sanitized HTML', () => {
    const [item] = updateItems(
      siteContent({
        incidents: [
          incident('x', {
            ...base,
            updates: [
              {
                at: '2026-11-23T10:05:00Z',
                status: 'investigating',
                message: 'See <script>alert(1)</script> [docs](javascript:alert(1)) **now**',
              },
            ],
          }),
        ],
      }),
    );
    expect(item?.description).not.toContain('<');
    expect(item?.content).not.toMatch(/<script|javascript:/);
    expect(item?.content).toContain('<strong>now</strong>');
  });

  test(`a feed holds at most ${FEED_LIMIT} items however long the history`, () => {
    const incidents = Array.from({ length: 60 }, (_, i) =>
      incident(`i${i}`, {
        started: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 3_600_000).toISOString(),
        mitigated: new Date(Date.parse('2026-10-01T00:30:00Z') + i * 3_600_000).toISOString(),
        resolved: new Date(Date.parse('2026-10-01T00:40:00Z') + i * 3_600_000).toISOString(),
        components: [{ id: i % 2 ? 'api' : 'web', impact: 'degraded_performance' }],
        updates: [
          {
            at: new Date(Date.parse('2026-10-01T00:05:00Z') + i * 3_600_000).toISOString(),
            status: 'investigating',
            message: 'A.',
          },
          {
            at: new Date(Date.parse('2026-10-01T00:40:00Z') + i * 3_600_000).toISOString(),
            status: 'resolved',
            message: 'B.',
          },
        ],
      }),
    );
    const content = siteContent({ incidents });
    expect(historyFeed(content)).toHaveLength(FEED_LIMIT);
    expect(historyFeed(content, 'api')).toHaveLength(60);
    expect(historyFeed(content, 'api').every((i) => i.components.includes('api'))).toBe(true);
    const api = buildApiDocuments(content, 'https://status.test.example/');
    expect(api['incidents.json'].incidents).toHaveLength(API_LIMIT);
    expect(API_DOCUMENTS['incidents.json'].safeParse(api['incidents.json']).success).toBe(true);
  });
});

describe('maintenance in the feeds', () => {
  // The clock of siteContent() is 2026-11-23T12:00:00Z.
  const silent = (fields: Record<string, unknown> = {}) =>
    maintenance('db-upgrade', {
      title: 'Database upgrade',
      announced: '2026-11-20T09:00:00Z',
      scheduled_start: '2026-11-23T08:00:00Z',
      scheduled_end: '2026-11-23T10:00:00Z',
      ...fields,
    });

  test('a window without updates is announced when scheduled, when it starts and when it ends', () => {
    const items = updateItems(siteContent({ maintenance: [silent()] }));
    expect(items.map((i) => [i.key, i.title, new Date(i.pubDate).toISOString()])).toEqual([
      [
        'maintenance/db-upgrade/completed',
        '[Maintenance: Completed] Database upgrade',
        '2026-11-23T10:00:00.000Z',
      ],
      [
        'maintenance/db-upgrade/started',
        '[Maintenance: In progress] Database upgrade',
        '2026-11-23T08:00:00.000Z',
      ],
      [
        'maintenance/db-upgrade/scheduled',
        '[Maintenance: Scheduled] Database upgrade',
        '2026-11-20T09:00:00.000Z',
      ],
    ]);
    expect(items.at(-1)?.description).toBe(
      'Maintenance is scheduled from Nov 23, 2026, 08:00 UTC to Nov 23, 2026, 10:00 UTC.',
    );
  });

  test('an upcoming window is only announced; the same items keep their keys as time passes', () => {
    const upcoming = silent({
      scheduled_start: '2026-11-24T08:00:00Z',
      scheduled_end: '2026-11-24T10:00:00Z',
    });
    expect(updateItems(siteContent({ maintenance: [upcoming] })).map((i) => i.key)).toEqual([
      'maintenance/db-upgrade/scheduled',
    ]);
  });

  test('updates that say it started or completed are not repeated by the window', () => {
    const told = silent({
      updates: [
        { at: '2026-11-20T09:00:00Z', status: 'scheduled', message: 'Planned.' },
        { at: '2026-11-23T08:00:00Z', status: 'in_progress', message: 'Started.' },
      ],
    });
    expect(updateItems(siteContent({ maintenance: [told] })).map((i) => i.key)).toEqual([
      'maintenance/db-upgrade/completed',
      'maintenance/db-upgrade/update-20261123T0800Z',
      'maintenance/db-upgrade/update-20261120T0900Z',
    ]);
  });

  test('a cancelled window is not said to start or end', () => {
    expect(
      updateItems(siteContent({ maintenance: [silent({ cancelled: true })] })).map((i) => i.key),
    ).toEqual(['maintenance/db-upgrade/scheduled']);
  });
});
