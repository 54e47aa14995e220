/** URLs of the site's pages, in one place; `url()` adds the configured base path. */

const BASE = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');

/** A site-absolute path with the base path in front: url('/history/') → '/status/history/'. */
export function url(path: string): string {
  return `${BASE}${path.replace(/^\//, '')}`;
}

export const paths = {
  home: () => url('/'),
  incident: (id: string) => url(`/incidents/${id}/`),
  incidentUpdate: (id: string, index: number) => url(`/incidents/${id}/#update-${index + 1}`),
  component: (id: string) => url(`/components/${id}/`),
  maintenance: (id: string) => url(`/maintenance/${id}/`),
  maintenanceList: () => url('/maintenance/'),
  postmortem: (incidentId: string) => url(`/postmortems/${incidentId}/`),
  history: (page = 1) => url(page === 1 ? '/history/' : `/history/${page}/`),
};
