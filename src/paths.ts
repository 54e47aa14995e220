import { contentPaths } from './lib/content.ts';
import { pageContent } from './site-data.ts';

/**
 * The site's URLs for routes and components, under the base path of Astro's configuration (which the
 * integration set) and in the language of the page being built.
 */
export function pagePaths(astro: { params: Record<string, string | undefined> }) {
  return contentPaths(pageContent(astro));
}
