import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { listFiles } from './build.ts';

/** What a page links to and loads, read once: for the checks that look at every page of a site. */
export interface PageRefs {
  ids: Set<string>;
  /** `<a href>` and `<link href>`, with the link's rel ('' for an anchor). */
  links: { href: string; rel: string }[];
  /** Every `src` attribute. */
  sources: string[];
  scripts: number;
}

/** Every HTML page of a built site with what it links to and loads, each page parsed once. */
export function scanPages(dist: string): Map<string, PageRefs> {
  const pages = new Map<string, PageRefs>();
  for (const page of listFiles(dist).filter((f) => f.endsWith('.html'))) {
    const doc = parseHTML(readFileSync(join(dist, page), 'utf8')).document;
    pages.set(page, {
      ids: new Set([...doc.querySelectorAll('[id]')].map((e) => e.id)),
      links: [...doc.querySelectorAll('a[href], link[href]')].map((e) => ({
        href: e.getAttribute('href') ?? '',
        rel: e.tagName === 'LINK' ? (e.getAttribute('rel') ?? '') : '',
      })),
      sources: [...doc.querySelectorAll('[src]')].map((e) => e.getAttribute('src') ?? ''),
      scripts: doc.querySelectorAll('script').length,
    });
  }
  return pages;
}

/**
 * Every internal link and anchor of every page in a built site that does not resolve to a file
 * (and an element with that id). `base` is the path the site is served under.
 */
export function brokenLinks(dist: string, base = '/', pages = scanPages(dist)): string[] {
  const files = new Set(listFiles(dist));
  const broken: string[] = [];
  for (const [page, { links }] of pages) {
    for (const { href } of links) {
      if (/^([a-z]+:|\/\/)/i.test(href)) continue;
      const [path = '', hash] = href.split('#');
      if (path !== '' && !path.startsWith(base)) {
        broken.push(`${page} → ${href} (outside the base path ${base})`);
        continue;
      }
      const relative = path.slice(base.length);
      const target =
        path === '' ? page : `${relative}${relative === '' || relative.endsWith('/') ? 'index.html' : ''}`;
      if (!files.has(target)) broken.push(`${page} → ${href}`);
      else if (hash && target.endsWith('.html') && !pages.get(target)?.ids.has(hash))
        broken.push(`${page} → ${href} (no #${hash})`);
    }
  }
  return broken;
}
