import type { APIRoute } from 'astro';
import { historyFeed, siteFeeds } from '../lib/feeds.ts';
import { getSiteContent } from '../site-data.ts';
import { feedResponse } from '../site-feed.ts';

export const GET: APIRoute = async ({ site }) => {
  const content = await getSiteContent();
  return feedResponse(content, {
    title: siteFeeds(content).updates.title,
    description: `Every incident and maintenance update from ${content.site.name}. ${content.site.description}`,
    items: historyFeed(content),
    site,
  });
};
