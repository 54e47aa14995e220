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
const rawSize = (path: string) => statSync(path).size;

/** Requests a page makes: itself plus every resource it links (data: URIs excluded). */
export function pageRequests(
  dist: string,
  page: string,
): { count: number; gzipBytes: number; rawBytes: number } {
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
  let rawBytes = rawSize(join(dist, page));
  for (const url of resources) {
    const file = join(dist, url.replace(/^\//, ''));
    gzipBytes += gzipSize(file);
    rawBytes += rawSize(file);
  }
  return { count: 1 + resources.length, gzipBytes, rawBytes };
}

const LISTING =
  /^(history|postmortems\/(component|severity|year|follow-ups)|postmortems\/(\d+\/)?index|maintenance\/(past\/)?|reports\/index|components\/)/;

export interface SiteSizes {
  files: number;
  pages: number;
  totalBytes: number;
  /** `rawBytes`, uncompressed: tells a page that says less from one that compresses better. */
  home: { count: number; gzipBytes: number; rawBytes: number };
  incident: { path: string; gzipBytes: number };
  largestIncident: { path: string; gzipBytes: number };
  largestListing: Sized;
  largestFeed: Sized;
  largestPage: { path: string; gzipBytes: number };
  /** The largest page that is not a monthly report (those grow with the month's incidents). */
  largestOther: { path: string; gzipBytes: number };
  /**
   * Among the monthly reports over the 15 KB page budget, the one with the most gzip bytes per
   * incident it lists; the largest report when none is over.
   */
  report: { path: string; gzipBytes: number; incidents: number; perIncident: number };
}

/** A file by its gzip size (level 9), with its uncompressed size. */
export interface Sized {
  path: string;
  gzipBytes: number;
  rawBytes: number;
}

/** No page over this, gzip, but a monthly report of a busy month. */
export const PAGE_BUDGET = 15 * 1024;

const REPORT = /^reports\/\d{4}-\d{2}\/index\.html$/;

function worstReport(dist: string, pages: string[]): SiteSizes['report'] {
  let worst: SiteSizes['report'] = { path: '', gzipBytes: 0, incidents: 0, perIncident: 0 };
  for (const path of pages.filter((f) => REPORT.test(f))) {
    const html = readFileSync(join(dist, path), 'utf8');
    const incidents = new Set(html.match(/href="[^"]*\/incidents\/[^"/]+\/"/g) ?? []).size;
    const gzipBytes = gzipSize(join(dist, path));
    const perIncident = gzipBytes / Math.max(1, incidents);
    const over = gzipBytes > PAGE_BUDGET;
    const worstOver = worst.gzipBytes > PAGE_BUDGET;
    if (over ? !worstOver || perIncident > worst.perIncident : !worstOver && gzipBytes > worst.gzipBytes)
      worst = { path, gzipBytes, incidents, perIncident };
  }
  return worst;
}

/** The largest file by its gzip size. */
function largest(dist: string, paths: string[]): Sized {
  return paths
    .map((path) => ({ path, gzipBytes: gzipSize(join(dist, path)), rawBytes: rawSize(join(dist, path)) }))
    .reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a), { path: '', gzipBytes: 0, rawBytes: 0 });
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
    largestOther: largest(
      dist,
      pages.filter((f) => !REPORT.test(f)),
    ),
    report: worstReport(dist, pages),
  };
}
