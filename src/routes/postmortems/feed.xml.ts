import type { APIRoute } from 'astro';
import { postmortemFeed, siteFeeds } from '../../lib/feeds.ts';
import { getSiteContent } from '../../site-data.ts';
import { feedResponse } from '../../site-feed.ts';

export const GET: APIRoute = async ({ site }) => {
  const content = await getSiteContent();
  return feedResponse(content, {
    title: siteFeeds(content).postmortems.title,
    description: `Blameless postmortems of ${content.site.name}'s significant incidents.`,
    items: postmortemFeed(content),
    site,
  });
};
