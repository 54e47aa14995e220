import type { APIRoute } from 'astro';
import { FEED_LIMIT, siteFeeds } from '../../lib/feeds.ts';
import { escapeHtml } from '../../lib/html.ts';
import { paths } from '../../paths.ts';
import { getSiteContent } from '../../site-data.ts';
import { feedResponse } from '../../site-feed.ts';
import { allReports } from '../../site-reports.ts';

/** One item per finished month (a provisional report would change under its readers). */
export const GET: APIRoute = async ({ site }) => {
  const content = await getSiteContent();
  const finished = allReports(content)
    .filter((r) => r.month.end <= content.clock.now)
    .reverse()
    .slice(0, FEED_LIMIT);
  return feedResponse(content, {
    title: siteFeeds(content).reports.title,
    description: `A report on ${content.site.name}'s availability for each calendar month.`,
    items: finished.map((r) => ({
      key: `report/${r.month.key}`,
      title: r.title,
      link: paths.report(r.month.key),
      pubDate: r.month.end,
      description: r.opening,
      content: `<p>${escapeHtml(r.opening)}</p>`,
      components: [],
    })),
    site,
  });
};
