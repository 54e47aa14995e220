import { getCollection } from 'astro:content';
import { resolveBuildClock } from './lib/clock.ts';
import { orderContent, type SiteContent } from './lib/content.ts';

let cached: Promise<SiteContent> | undefined;

/**
 * The validated content of this build, with its clock. This is the one place pages read
 * collections and the environment; everything below it in src/lib takes these as arguments.
 */
export function getSiteContent(): Promise<SiteContent> {
  cached ??= (async () => {
    const [siteEntry] = await getCollection('site');
    if (!siteEntry) throw new Error('content/site.yaml was not loaded; run npm run check');
    const site = siteEntry.data;
    const clock = resolveBuildClock({
      statusmarkNow: process.env.STATUSMARK_NOW,
      sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
      demoNow: site.demo?.now,
      realNow: Date.now(),
    });
    const withBody = <T>(entries: { id: string; data: T; body?: string | undefined }[]) =>
      entries.map((entry) => ({ ...entry.data, id: entry.id, body: entry.body ?? '' }));
    return orderContent({
      site,
      components: (await getCollection('components'))
        .sort((a, b) => a.data.position - b.data.position)
        .map(({ data: { position: _position, ...component } }) => component),
      incidents: withBody(await getCollection('incidents')),
      maintenance: withBody(await getCollection('maintenance')),
      postmortems: withBody(await getCollection('postmortems')),
      clock,
    });
  })();
  return cached;
}
