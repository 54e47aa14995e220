import { contentPaths, inLocale, type SiteContent } from '../domain/content.ts';
import type { Locale } from '../i18n/locale.ts';

/**
 * The page at `pathname` in each of the site's languages, the site's own first: what the head's
 * hreflang links and the header's language links name. Nothing for a site in one language. With
 * `home`, each language's home page (for a page that has no versions, such as 404).
 */
export function languageVersions(
  content: SiteContent,
  pathname: string,
  home = false,
): { locale: Locale; href: string }[] {
  if (content.locales.length < 2) return [];
  const paths = contentPaths(content);
  // The page's path below the site's base (and below /<locale>/), the same in every language.
  const below = home ? '' : paths.unlocalized(pathname).slice(paths.shared('/').length);
  return content.locales.map((locale) => ({
    locale,
    href: contentPaths(inLocale(content, locale.tag)).url(below),
  }));
}
