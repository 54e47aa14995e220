/**
 * Every page and endpoint of a status site, as files under src/routes/. The integration injects each
 * one (a site's own src/pages/ stays free for pages of its own); the URL pattern follows Astro's
 * file-name convention, so `reports/[month].json.ts` serves /reports/2026-11.json.
 */
export const ROUTES = [
  'index.astro',
  '404.astro',
  'subscribe.astro',
  'robots.txt.ts',
  'feed.xml.ts',
  'maintenance.ics.ts',
  'api/v2/[...doc].ts',
  'api/v2/schema/[...doc].ts',
  'badges/[name].json.ts',
  'badges/[name].svg.ts',
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

/** `reports/[month].json.ts` → `/reports/[month].json`; `maintenance/index.astro` → `/maintenance`. */
export function routePattern(file: string): string {
  const path = file.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
  return `/${path}`;
}
