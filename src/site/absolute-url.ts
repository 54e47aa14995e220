/** Absolute URLs for feeds, the API and the calendar: the configured site (or site.yaml's url) + a path. */
export function absoluteUrl(site: URL | undefined, fallback: string): (path: string) => string {
  const origin = site ?? new URL(fallback);
  return (path) => new URL(path, origin).href;
}
