import type { APIRoute, GetStaticPaths } from 'astro';
import { componentFeed, historyFeed } from '../../../lib/feeds.ts';
import { getSiteContent } from '../../../site-data.ts';
import { feedResponse } from '../../../site-feed.ts';

export const getStaticPaths = (async () => {
  const content = await getSiteContent();
  return content.components.map((component) => ({ params: { id: component.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const content = await getSiteContent();
  const component = content.components.find((c) => c.id === params.id)!;
  return feedResponse(content, {
    title: componentFeed(content, component).title,
    description: `Incident and maintenance updates that affect ${component.name}.`,
    items: historyFeed(content, component.id),
    site,
  });
};
