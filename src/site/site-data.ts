import { inLocale, type SiteContent } from '../domain/content.ts';
import { publishedContent } from './content-store.ts';

/**
 * The validated content of this build, with its clock: the one place routes read content. The
 * integration read and validated it once before the build started; everything below this in src/lib
 * takes it as an argument. `locale` is the route's `[...locale]` parameter: undefined for the site's
 * own language, a tag such as `de` for the pages built under /de/.
 */
export function getSiteContent(locale?: string): Promise<SiteContent> {
  return Promise.resolve(inLocale(publishedContent(), locale));
}

/** The same, synchronously, for components: the content in the language of the page being built. */
export function pageContent(astro: { params: Record<string, string | undefined> }): SiteContent {
  return inLocale(publishedContent(), astro.params.locale);
}

type Path = { params: Record<string, string | undefined>; props?: Record<string, unknown> };

/**
 * A localized route's paths: each path `make` gives for the content, once per interface language
 * of the site (the site's own at the root, each other one under /<tag>/).
 */
export function eachLocale<P extends Path>(
  make: (content: SiteContent) => P[],
): Promise<(P & { params: { locale: string | undefined } })[]> {
  const content = publishedContent();
  return Promise.resolve(
    content.locales.flatMap((locale, index) => {
      const tag = index === 0 ? undefined : locale.tag;
      return make(inLocale(content, tag)).map((path) => ({
        ...path,
        params: { ...path.params, locale: tag },
      }));
    }),
  );
}
