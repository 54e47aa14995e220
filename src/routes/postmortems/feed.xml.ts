import type { APIRoute, GetStaticPaths } from 'astro';
import { postmortemFeed, siteFeeds } from '../../formats/feeds.ts';
import { eachLocale, getSiteContent } from '../../site/site-data.ts';
import { feedResponse } from '../../site/feed-response.ts';

export const getStaticPaths = (() => eachLocale(() => [{ params: {} }])) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const content = await getSiteContent(params.locale);
  return feedResponse(content, {
    title: siteFeeds(content).postmortems.title,
    description: content.locale.t('feed.postmortems_description', { site: content.site.name }),
    items: postmortemFeed(content),
    site,
  });
};
