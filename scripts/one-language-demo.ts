import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A copy of the demo (content/) in `dir` whose interface is in `tag` alone: site.yaml's locale and
 * locales set to it, and every `translations:` block of components, incidents and maintenance
 * dropped (a translation into a language the site is not built in would be an error). The language
 * test builds it in each shipped language; the benchmark builds it in English to show what the
 * demo's second language costs.
 */
export function oneLanguageDemo(tag: string, dir: string): string {
  cpSync('content', dir, { recursive: true });
  const site = join(dir, 'site.yaml');
  writeFileSync(
    site,
    readFileSync(site, 'utf8')
      .replace(/^locale: .*$/m, `locale: ${tag}`)
      .replace(/^locales: .*$/m, `locales: [${tag}]`),
  );
  const files = [
    join(dir, 'components.yaml'),
    ...['incidents', 'maintenance'].flatMap((folder) =>
      readdirSync(join(dir, folder)).map((name) => join(dir, folder, name)),
    ),
  ];
  for (const file of files) writeFileSync(file, withoutTranslations(readFileSync(file, 'utf8')));
  return dir;
}

/** Drops every `translations:` block: the key and the lines indented under it. */
export function withoutTranslations(source: string): string {
  const out: string[] = [];
  let dropping: number | undefined;
  for (const line of source.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (dropping !== undefined && (line.trim() === '' || indent > dropping)) continue;
    dropping = undefined;
    const key = /^(\s*)(- )?translations:\s*$/.exec(line);
    if (key) {
      dropping = key[1]!.length + (key[2] ? 2 : 0);
      if (key[2]) out.push(`${key[1]}-`);
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}
