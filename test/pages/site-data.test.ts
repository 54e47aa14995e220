import { beforeEach, describe, expect, test, vi } from 'vitest';
import { componentSchema } from '../../src/schemas/component.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import { incident } from '../helpers/entries.ts';

// getCollection() returns nothing under Vitest: these entries stand in for the data store, built
// through the real schemas, in the shuffled order the store may return them.
const collections: Record<string, { id: string; data: unknown; body?: string }[]> = {};
vi.mock('astro:content', () => ({
  getCollection: (name: string) => Promise.resolve(collections[name] ?? []),
}));

beforeEach(() => {
  vi.resetModules();
  collections.site = [
    {
      id: 'site',
      data: siteSchema.parse({
        name: 'Mock Co',
        url: 'https://status.mock.example',
        description: 'Mocked.',
        demo: { now: '2026-11-23T12:00:00Z' },
      }),
    },
  ];
  collections.components = [
    { id: 'web', data: { ...componentSchema.parse({ id: 'web', name: 'Website' }), position: 1 } },
    { id: 'api', data: { ...componentSchema.parse({ id: 'api', name: 'API' }), position: 0 } },
  ];
  const older = incident('older', {
    started: '2026-11-20T10:00:00Z',
    components: [{ id: 'api', impact: 'partial_outage' }],
  });
  const newer = incident('newer', {
    started: '2026-11-22T10:00:00Z',
    components: [{ id: 'web', impact: 'major_outage' }],
  });
  collections.incidents = [older, newer].map(({ id, body, ...data }) => ({ id, data, body }));
});

describe('getSiteContent', () => {
  test('orders components as components.yaml lists them and incidents newest first', async () => {
    vi.stubEnv('STATUSMARK_NOW', '');
    vi.stubEnv('SOURCE_DATE_EPOCH', '');
    const { getSiteContent } = await import('../../src/site-data.ts');
    const content = await getSiteContent();
    expect(content.components.map((c) => c.id)).toEqual(['api', 'web']);
    expect(content.components[0]).not.toHaveProperty('position');
    expect(content.incidents.map((i) => i.id)).toEqual(['newer', 'older']);
  });

  test('uses the demo clock unless the environment sets one', async () => {
    vi.stubEnv('STATUSMARK_NOW', '');
    vi.stubEnv('SOURCE_DATE_EPOCH', '');
    const demo = await (await import('../../src/site-data.ts')).getSiteContent();
    expect(demo.clock).toEqual({ now: Date.parse('2026-11-23T12:00:00Z'), source: 'demo' });
    vi.resetModules();
    vi.stubEnv('STATUSMARK_NOW', '2026-11-24T00:00:00Z');
    const explicit = await (await import('../../src/site-data.ts')).getSiteContent();
    expect(explicit.clock).toEqual({ now: Date.parse('2026-11-24T00:00:00Z'), source: 'STATUSMARK_NOW' });
  });
});
