// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { parse } from 'yaml';

// STATUSMARK_CONTENT points the build at another content tree (tests, benchmarks) and
// STATUSMARK_OUT_DIR at another output folder; STATUSMARK_BASE serves the site under a path.
const contentDir = process.env.STATUSMARK_CONTENT ?? 'content';

/** The absolute URL from site.yaml; `npm run check` has already validated it before a build. */
function readSiteUrl() {
  try {
    /** @type {unknown} */
    const site = parse(readFileSync(join(contentDir, 'site.yaml'), 'utf8'), { schema: 'core' });
    const url = site && typeof site === 'object' && 'url' in site ? site.url : undefined;
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}

export default defineConfig({
  site: readSiteUrl(),
  base: process.env.STATUSMARK_BASE ?? '/',
  outDir: process.env.STATUSMARK_OUT_DIR ?? 'dist',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  compressHTML: true,
  integrations: [sitemap()],
});
