import type { APIRoute, GetStaticPaths } from 'astro';
import { componentFeed, historyFeed } from '../../../formats/feeds.ts';
import { eachLocale, getSiteContent } from '../../../site/site-data.ts';
import { feedResponse } from '../../../site/feed-response.ts';

export const getStaticPaths = (() =>
  eachLocale((content) =>
    content.components.map((component) => ({ params: { id: component.id } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const content = await getSiteContent(params.locale);
  const component = content.components.find((c) => c.id === params.id)!;
  return feedResponse(content, {
    title: componentFeed(content, component).title,
    description: content.locale.t('feed.component_description', { component: component.name }),
    items: historyFeed(content, component.id),
    site,
  });
};
