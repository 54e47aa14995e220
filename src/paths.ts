import { sitePaths } from './lib/paths.ts';

/**
 * The site's URLs for routes and components, under the base path of Astro's configuration (which the
 * integration set; src/lib gets the same base from the content it is given).
 */
export const paths = sitePaths(import.meta.env.BASE_URL);
export const url = paths.url;
