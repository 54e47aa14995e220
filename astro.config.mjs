// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { parse } from 'yaml';
import { accentCss, styleHash } from './src/theme/accent.mjs';

// STATUSMARK_CONTENT points the build at another content tree (tests, benchmarks) and
// STATUSMARK_OUT_DIR at another output folder; STATUSMARK_BASE serves the site under a path.
const contentDir = process.env.STATUSMARK_CONTENT ?? 'content';

/** A text field of site.yaml; `npm run check` has already validated the file before a build. */
function readSiteField(/** @type {string} */ field) {
  try {
    /** @type {unknown} */
    const site = parse(readFileSync(join(contentDir, 'site.yaml'), 'utf8'), { schema: 'core' });
    const value =
      site && typeof site === 'object' && field in site
        ? /** @type {Record<string, unknown>} */ (site)[field]
        : undefined;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

const accent = accentCss(readSiteField('accent'));

const outDir = process.env.STATUSMARK_OUT_DIR ?? 'dist';

export default defineConfig({
  site: readSiteField('url'),
  base: process.env.STATUSMARK_BASE ?? '/',
  outDir,
  // Builds into their own folder (tests, benchmarks) also get their own content cache, so that two
  // builds of different content at once never read each other's data store.
  ...(process.env.STATUSMARK_OUT_DIR ? { cacheDir: `${outDir.replace(/\/$/, '')}-cache` } : {}),
  trailingSlash: 'always',
  // Astro's intermediate server build goes beside the output, so that builds into different folders
  // (tests, benchmarks) never share it; Astro removes it when the build ends. Rendering four pages at
  // a time overlaps their file writes (compare `npm run bench -- --sizes 5000` with and without it:
  // about 20 s against 14 s on the 2-core machines here).
  build: {
    format: 'directory',
    inlineStylesheets: 'always',
    server: join(outDir, '.server'),
    concurrency: 4,
  },
  devToolbar: { enabled: false },
  compressHTML: true,
  integrations: [sitemap()],
  // A Content-Security-Policy <meta> on every page: only the styles and scripts Astro bundles (hashed)
  // run; the site ships no script of its own and loads nothing from other origins.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      styleDirective: { hashes: accent ? [styleHash(accent)] : [] },
    },
  },
});
