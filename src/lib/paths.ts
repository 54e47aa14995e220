/** URLs of the site's pages, in one place; `url()` adds the configured base path. */
import { filteredSlug, type PageFilter } from './paginate.ts';

/** Astro's base path. Vite replaces `import.meta.env.BASE_URL` at build time; plain Node (the CLI) has none. */
function basePath(): string {
  try {
    return import.meta.env.BASE_URL;
  } catch {
    return '/';
  }
}

const BASE = basePath().replace(/\/?$/, '/');

/** A site-absolute path with the base path in front: url('/history/') → '/status/history/'. */
export function url(path: string): string {
  return `${BASE}${path.replace(/^\//, '')}`;
}

type Filter = Pick<PageFilter, 'kind' | 'value'>;

/** A paginated, filterable listing: /history/, /history/2/, /history/component/api/2/ … */
function filtered(root: string, page: number, filter: Filter = { kind: 'all', value: '' }): string {
  const slug = filteredSlug(filter, page);
  return url(slug ? `${root}${slug}/` : root);
}

export const paths = {
  home: () => url('/'),
  incident: (id: string) => url(`/incidents/${id}/`),
  incidentUpdate: (id: string, index: number) => url(`/incidents/${id}/#update-${index + 1}`),
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
  reportJson: (month: string) => url(`/reports/${month}.json`),
  methodology: (anchor = '') => url(`/reports/methodology/${anchor ? `#${anchor}` : ''}`),
  calendar: () => url('/maintenance.ics'),
  subscribe: () => url('/subscribe/'),
  api: (document: string) => url(`/api/v2/${document}`),
  badge: (name: string, ext: 'svg' | 'json') => url(`/badges/${name}.${ext}`),
  followUps: (page = 1) => url(page === 1 ? '/postmortems/follow-ups/' : `/postmortems/follow-ups/${page}/`),
  /** History pages: all incidents, or filtered by component or severity. */
  history: (page = 1, filter?: Filter) => filtered('/history/', page, filter),
  maintenancePast: (page = 1) => url(page === 1 ? '/maintenance/' : `/maintenance/past/${page}/`),
};
