import { inLocale, localeDir, type SiteContent } from '../domain/content.ts';
import { isResolved } from '../domain/statuses.ts';
import { COMPONENT_STATUSES, type ComponentStatus } from '../schemas/vocabulary.ts';

/** What the status banner says, in one of the site's languages (src/routes/embed/status-banner.client.js). */
export interface BannerWords {
  /** Where this language's pages are, from the site's root: '' or 'de/'. */
  dir: string;
  /** The banner's name for assistive technology: "Kestrel status". */
  label: string;
  statuses: Record<ComponentStatus, string>;
  /** The headline while components are affected, with {status} and {components} to fill in. */
  affected: string;
  /** The headline while an incident is open and every component is operational again. */
  monitoring: string;
  more: string;
  dismiss: string;
  /** Component names and open incidents' titles in this language, where summary.json has the site's own. */
  names: Record<string, string>;
  titles: Record<string, string>;
}

/**
 * The banner's words for every language of the site, keyed by tag, the site's own first. The banner
 * builds its headline from summary.json the way the home page does (pageHeadline): "{status}:
 * {components}" for the worst status and the components at it, else "Monitoring a recent incident".
 */
export function bannerWords(content: SiteContent): Record<string, BannerWords> {
  return Object.fromEntries(
    content.locales.map((language, index) => {
      const own = inLocale(content, index === 0 ? undefined : language.tag);
      const { locale } = own;
      const dir = localeDir(own);
      const words: BannerWords = {
        dir: dir ? `${dir}/` : '',
        label: locale.t('site.title', { site: own.site.name }),
        statuses: Object.fromEntries(
          COMPONENT_STATUSES.map((status) => [status, locale.t(`status.${status}`)]),
        ) as Record<ComponentStatus, string>,
        affected: locale.t('page.headline_affected', { status: '{status}', components: '{components}' }),
        monitoring: locale.t('page.headline_monitoring'),
        more: locale.t('embed.more'),
        dismiss: locale.t('embed.dismiss'),
        names: Object.fromEntries(own.components.map((c) => [c.id, c.name])),
        titles: Object.fromEntries(own.incidents.filter((i) => !isResolved(i)).map((i) => [i.id, i.title])),
      };
      return [language.tag, words];
    }),
  );
}
