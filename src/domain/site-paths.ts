/** URLs of the site's pages, in one place, under the base path the site is served from. */
import { filteredSlug, type PageFilter } from './paginate.ts';

type Filter = Pick<PageFilter, 'kind' | 'value'>;

export type SitePaths = ReturnType<typeof createPaths>;

const made = new Map<string, SitePaths>();

/**
 * The paths of a site served under `base` ('/' or '/status/'), made once per base. Pages in another
 * of the site's languages live under `/<locale>/`; the API, badges and calendar are the same for all.
 */
export function sitePaths(base: string, locale = ''): SitePaths {
  const key = `${base}\u0000${locale}`;
  let paths = made.get(key);
  if (!paths) {
    paths = createPaths(base, locale);
    made.set(key, paths);
  }
  return paths;
}

function createPaths(base: string, locale: string) {
  const root = base.replace(/\/?$/, '/');
  const prefix = locale ? `${root}${locale}/` : root;
  /** A site-absolute path with the base path in front: url('/history/') → '/status/history/'. */
  const url = (path: string) => `${prefix}${path.replace(/^\//, '')}`;
  /** The same, for what every language shares (API, badges, calendar, files under public/). */
  const shared = (path: string) => `${root}${path.replace(/^\//, '')}`;
  /** A paginated, filterable listing: /history/, /history/2/, /history/component/api/2/ … */
  const filtered = (root: string, page: number, filter: Filter = { kind: 'all', value: '' }) => {
    const slug = filteredSlug(filter, page);
    return url(slug ? `${root}${slug}/` : root);
  };
  return {
    url,
    home: () => url('/'),
    incident: (id: string) => url(`/incidents/${id}/`),
    incidentUpdate: (id: string, anchor: string) => url(`/incidents/${id}/#${anchor}`),
    component: (id: string) => url(`/components/${id}/`),
    maintenance: (id: string) => url(`/maintenance/${id}/`),
    maintenanceList: () => url('/maintenance/'),
    postmortem: (incidentId: string) => url(`/postmortems/${incidentId}/`),
    postmortems: (page = 1, filter?: Filter) => filtered('/postmortems/', page, filter),
    feed: () => url('/feed.xml'),
    postmortemFeed: () => url('/postmortems/feed.xml'),
    componentFeed: (id: string) => url(`/components/${id}/feed.xml`),
    reportsFeed: () => url('/reports/feed.xml'),
    reports: () => url('/reports/'),
    reportYear: (year: string) => url(`/reports/year/${year}/`),
    report: (month: string) => url(`/reports/${month}/`),
    reportJson: (month: string) => shared(`/reports/${month}.json`),
    methodology: (anchor = '') => url(`/reports/methodology/${anchor ? `#${anchor}` : ''}`),
    calendar: () => shared('/maintenance.ics'),
    shared,
    /** The same page in the site's own locale: '/status/de/history/' → '/status/history/'. */
    unlocalized: (path: string) =>
      locale && path.startsWith(prefix) ? shared(path.slice(prefix.length)) : path,
    subscribe: () => url('/subscribe/'),
    api: (document: string) => shared(`/api/v2/${document}`),
    badge: (name: string, ext: 'svg' | 'json') => shared(`/badges/${name}.${ext}`),
    followUps: (page = 1) =>
      url(page === 1 ? '/postmortems/follow-ups/' : `/postmortems/follow-ups/${page}/`),
    /** History pages: all incidents, or filtered by component or severity. */
    history: (page = 1, filter?: Filter) => filtered('/history/', page, filter),
    maintenancePast: (page = 1) => url(page === 1 ? '/maintenance/' : `/maintenance/past/${page}/`),
  };
}
