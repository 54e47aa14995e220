import type { APIRoute, GetStaticPaths } from 'astro';
import { historyFeed, siteFeeds } from '../formats/feeds.ts';
import { eachLocale, getSiteContent } from '../site/site-data.ts';
import { feedResponse } from '../site/feed-response.ts';

export const getStaticPaths = (() => eachLocale(() => [{ params: {} }])) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const content = await getSiteContent(params.locale);
  return feedResponse(content, {
    title: siteFeeds(content).updates.title,
    description: content.locale.t('feed.updates_description', {
      site: content.site.name,
      description: content.site.description,
    }),
    items: historyFeed(content),
    site,
  });
};
