import { activeNotice, contentPaths, type SiteContent } from '../domain/content.ts';
import { siteFeeds } from '../formats/feeds.ts';
import { timeElement } from '../text/html.ts';
import { renderMarkdown } from '../text/markdown.ts';
import { accentCss } from '../theme/accent.ts';
import { statusIconSvg } from '../theme/status-picture.ts';
import { perContent } from './content-store.ts';
import { statusNow } from './status-now.ts';

/**
 * What every page's frame (the layout and its preview tags) says the same way on every page of a
 * language: worked out once per language and site address instead of once for each of thousands of
 * pages (the favicon's SVG, Open Graph's locale, the feeds' titles, the footer's time).
 */
export const pageFrame = perContent((content: SiteContent, siteUrl: string) => {
  const { site, clock, locale } = content;
  const paths = contentPaths(content);
  const { worst, headline } = statusNow(content);
  // Open Graph names a locale language_TERRITORY: `nl` is nl_NL, `en` en_US, `pt-BR` pt_BR.
  const likely = new Intl.Locale(locale.tag).maximize();
  const notice = activeNotice(content);
  return {
    siteTitle: locale.t('site.title', { site: site.name }),
    feeds: Object.values(siteFeeds(content)),
    accentStyle: accentCss(site.accent),
    notice: notice && {
      level: notice.level,
      label: locale.t(notice.level === 'warning' ? 'notice.warning' : 'notice.info'),
      html: renderMarkdown(notice.text),
    },
    footer: {
      html: locale.html('site.data_as_of', { time: timeElement(clock.now, locale.dateTime(clock.now)) }),
      zone: locale.t('site.times_in', { zone: site.time_zone }),
    },
    preview: {
      worst,
      headline,
      image: new URL(paths.shared(`/preview/${worst}.png`), siteUrl).href,
      icon: `data:image/svg+xml,${encodeURIComponent(statusIconSvg(worst))}`,
      ogLocale: likely.region ? `${likely.language}_${likely.region}` : likely.language,
    },
  };
});
