import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';

/** Sizes of a built site: the figures the budgets and BENCHMARKS.md speak of. */

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

export const gzipSize = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** Requests a page makes: itself plus every resource it links (data: URIs excluded). */
export function pageRequests(dist: string, page: string): { count: number; gzipBytes: number } {
  const doc = parseHTML(readFileSync(join(dist, page), 'utf8')).document;
  const resources = [
    ...[
      ...doc.querySelectorAll(
        'link[rel="stylesheet"][href], link[rel="icon"][href], link[rel="preload"][href]',
      ),
    ].map((e) => e.getAttribute('href') ?? ''),
    ...[...doc.querySelectorAll('script[src], img[src], iframe[src], source[src]')].map(
      (e) => e.getAttribute('src') ?? '',
    ),
  ].filter((url) => url && !url.startsWith('data:'));
  let gzipBytes = gzipSize(join(dist, page));
  for (const url of resources) gzipBytes += gzipSize(join(dist, url.replace(/^\//, '')));
  return { count: 1 + resources.length, gzipBytes };
}

const LISTING =
  /^(history|postmortems\/(component|severity|year|follow-ups)|postmortems\/(\d+\/)?index|maintenance\/(past\/)?|reports\/index|components\/)/;

export interface SiteSizes {
  files: number;
  pages: number;
  totalBytes: number;
  home: { count: number; gzipBytes: number };
  incident: { path: string; gzipBytes: number };
  largestIncident: { path: string; gzipBytes: number };
  largestListing: { path: string; gzipBytes: number };
  largestFeed: { path: string; gzipBytes: number };
  largestPage: { path: string; gzipBytes: number };
}

function largest(dist: string, paths: string[]): { path: string; gzipBytes: number } {
  return paths
    .map((path) => ({ path, gzipBytes: gzipSize(join(dist, path)) }))
    .reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a), { path: '', gzipBytes: 0 });
}

export function measureSite(dist: string): SiteSizes {
  const all = files(dist);
  const pages = all.filter((f) => f.endsWith('.html'));
  const incidents = pages.filter((f) => f.startsWith('incidents/'));
  return {
    files: all.length,
    pages: pages.length,
    totalBytes: all.reduce((sum, f) => sum + statSync(join(dist, f)).size, 0),
    home: pageRequests(dist, 'index.html'),
    incident: { path: incidents[0] ?? '', gzipBytes: incidents[0] ? gzipSize(join(dist, incidents[0])) : 0 },
    largestIncident: largest(dist, incidents),
    largestListing: largest(
      dist,
      pages.filter((f) => LISTING.test(f)),
    ),
    largestFeed: largest(
      dist,
      all.filter(
        (f) =>
          (f.endsWith('.xml') && !f.startsWith('sitemap')) ||
          f.endsWith('.ics') ||
          (f.startsWith('api/v2/') && !f.includes('/schema/')),
      ),
    ),
    largestPage: largest(dist, pages),
  };
}
