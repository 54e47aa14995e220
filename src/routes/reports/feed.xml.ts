import type { APIRoute, GetStaticPaths } from 'astro';
import { reportFeed, siteFeeds } from '../../formats/feeds.ts';
import { eachLocale, getSiteContent } from '../../site/site-data.ts';
import { feedResponse } from '../../site/feed-response.ts';

export const getStaticPaths = (() => eachLocale(() => [{ params: {} }])) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const content = await getSiteContent(params.locale);
  return feedResponse(content, {
    title: siteFeeds(content).reports.title,
    description: content.locale.t('feed.reports_description', { site: content.site.name }),
    items: reportFeed(content),
    site,
  });
};
