import type { APIRoute } from 'astro';
import { reportFeed, siteFeeds } from '../../lib/feeds.ts';
import { getSiteContent } from '../../site-data.ts';
import { feedResponse } from '../../site-feed.ts';

export const GET: APIRoute = async ({ site }) => {
  const content = await getSiteContent();
  return feedResponse(content, {
    title: siteFeeds(content).reports.title,
    description: `A report on ${content.site.name}'s availability for each calendar month.`,
    items: reportFeed(content),
    site,
  });
};
