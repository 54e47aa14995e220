/**
 * Every page and endpoint of a status site, as files under src/routes/. The integration injects each
 * one (a site's own src/pages/ stays free for pages of its own); the URL pattern follows Astro's
 * file-name convention, so `reports/[month].json.ts` serves /reports/2026-11.json.
 */
export const ROUTES = [
  'index.astro',
  '404.astro',
  'subscribe.astro',
  'embed.astro',
  'embed/[theme].astro',
  'embed/status-banner.js.ts',
  'robots.txt.ts',
  'feed.xml.ts',
  'maintenance.ics.ts',
  'api/v2/[...doc].ts',
  'api/v2/schema/[...doc].ts',
  'badges/[name].json.ts',
  'badges/[name].svg.ts',
  'preview/[status].png.ts',
  'components/[id].astro',
  'components/[id]/feed.xml.ts',
  'history/[...slug].astro',
  'incidents/[id].astro',
  'maintenance/index.astro',
  'maintenance/[id].astro',
  'maintenance/past/[page].astro',
  'postmortems/[...slug].astro',
  'postmortems/[id].astro',
  'postmortems/feed.xml.ts',
  'postmortems/follow-ups/[...page].astro',
  'reports/index.astro',
  'reports/[month].astro',
  'reports/[month].json.ts',
  'reports/feed.xml.ts',
  'reports/methodology.astro',
  'reports/year/[year].astro',
] as const;

/**
 * Routes built once per interface language of the site: pages and feeds. The API, badges, calendar
 * and report data speak the one vocabulary of their formats, and 404 is the host's single page.
 */
export function isLocalized(file: string): boolean {
  return (file.endsWith('.astro') && file !== '404.astro') || file.endsWith('feed.xml.ts');
}

/**
 * `reports/[month].json.ts` → `/reports/[month].json`; `maintenance/index.astro` → `/maintenance`; a
 * localized route gets a leading `[...locale]`, empty for the site's own language: `/[...locale]/history`.
 */
export function routePattern(file: string, languages = 2): string {
  const path = file.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
  if (!isLocalized(file) || languages < 2) return `/${path}`;
  return path ? `/[...locale]/${path}` : '/[...locale]';
}
