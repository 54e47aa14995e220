import rss from '@astrojs/rss';
import type { SiteContent } from '../domain/content.ts';
import type { FeedItem } from '../formats/feeds.ts';
import { stripControlCharacters } from '../text/control-characters.ts';
import { escapeHtml } from '../text/html.ts';

/**
 * An RSS 2.0 response through @astrojs/rss. Each item's guid is its event id (src/events/), the id
 * notifications carry too, so every update is a new item for feed readers (cState reuses one per incident).
 */
export function feedResponse(
  content: SiteContent,
  options: { title: string; description: string; items: FeedItem[]; site: URL | undefined },
) {
  const site = options.site?.href ?? content.site.url;
  return rss({
    title: options.title,
    description: options.description,
    site,
    trailingSlash: true,
    items: options.items.map((item) => ({
      title: stripControlCharacters(item.title),
      // Absolute, so that @astrojs/rss keeps the #update anchor as it is.
      link: new URL(item.link, site).href,
      pubDate: new Date(item.pubDate),
      // Readers show a description as HTML: the plain text is escaped for it here, and @astrojs/rss
      // escapes the result again for XML.
      description: escapeHtml(item.description),
      content: item.content === undefined ? undefined : stripControlCharacters(item.content),
      customData: `<guid isPermaLink="false">${escapeHtml(item.key)}</guid>`,
    })),
    customData: `<language>${content.locale.tag}</language><lastBuildDate>${new Date(content.clock.now).toUTCString()}</lastBuildDate><ttl>5</ttl>`,
  });
}
