import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedCatalogueFiles, tagOfFile } from '../../src/loader/catalogues.ts';

/** Every language Statusmark ships a catalogue for. */
export const SHIPPED = shippedCatalogueFiles().map((file) => tagOfFile(file.file));

/**
 * A copy of the demo (content/) in `dir` built in every shipped language: site.yaml's `locales`
 * lists its own languages first (English at the root, German with its translations), then every
 * other shipped language, each under /<tag>/. One build then shows every language's pages.
 */
export function allLanguagesDemo(dir: string): string {
  cpSync('content', dir, { recursive: true });
  const site = join(dir, 'site.yaml');
  const source = readFileSync(site, 'utf8');
  const own =
    /^locales: \[(.*)\]$/m
      .exec(source)?.[1]
      ?.split(',')
      .map((tag) => tag.trim()) ?? [];
  if (own.length === 0) throw new Error(`${site} has no "locales: [...]" line to extend`);
  const locales = [...own, ...SHIPPED.filter((tag) => !own.includes(tag))];
  writeFileSync(site, source.replace(/^locales: .*$/m, `locales: [${locales.join(', ')}]`));
  return dir;
}
