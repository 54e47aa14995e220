import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { listFiles } from './build.ts';

/**
 * Every internal link and anchor of every page in a built site that does not resolve to a file
 * (and an element with that id). `base` is the path the site is served under.
 */
export function brokenLinks(dist: string, base = '/'): string[] {
  const files = new Set(listFiles(dist));
  const pages = [...files].filter((f) => f.endsWith('.html'));
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      const doc = parseHTML(readFileSync(join(dist, file), 'utf8')).document;
      set = new Set([...doc.querySelectorAll('[id]')].map((e) => e.id));
      ids.set(file, set);
    }
    return set;
  };
  const broken: string[] = [];
  for (const page of pages) {
    const doc = parseHTML(readFileSync(join(dist, page), 'utf8')).document;
    for (const a of doc.querySelectorAll('a[href], link[href]')) {
      const href = a.getAttribute('href') ?? '';
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
      else if (hash && target.endsWith('.html') && !idsOf(target).has(hash))
        broken.push(`${page} → ${href} (no #${hash})`);
    }
  }
  return broken;
}
