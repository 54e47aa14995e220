import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroConfig, AstroIntegration } from 'astro';
import { contentPaths, inLocale, type SiteContent } from '../domain/content.ts';
import { AstroError } from 'astro/errors';
import { ContentError, loadContent } from '../loader/load.ts';
import { resolveSettings, type Settings } from '../loader/settings.ts';
import { publishContent } from '../site/content-store.ts';
import { withEditHistory } from './git-history.ts';
import { parseOptions, type StatusmarkOptions } from './options.ts';
import { ROUTES, routePattern } from './routes.ts';
import { headerSettings, headersFile } from './headers.ts';
import { outputProblem, publishIntegration, stagingFolder } from './publish.ts';

export type { StatusmarkOptions } from './options.ts';

/** A site in several languages lists each page's versions in the sitemap too (xhtml:link hreflang). */
function sitemapOptions(content: SiteContent | undefined) {
  // /embed/ is for frames on other sites, not for search (it asks not to be indexed).
  const embeds = new Set(
    content?.locales.flatMap((locale, index) => {
      const paths = contentPaths(inLocale(content, index === 0 ? undefined : locale.tag));
      return ['/embed/', '/embed/light/', '/embed/dark/'].map((path) => paths.url(path));
    }),
  );
  const filter = (page: string) => !embeds.has(new URL(page).pathname);
  if (!content || content.locales.length < 2) return { filter };
  const tags = content.locales.map((locale) => locale.tag);
  return {
    filter,
    i18n: { defaultLocale: tags[0]!, locales: Object.fromEntries(tags.map((tag) => [tag, tag])) },
  };
}

/**
 * The Statusmark integration: `integrations: [statusmark()]` in astro.config.mjs turns the site's
 * `content/` folder into the status page, archives, feeds, API and reports. It reads and validates the
 * content once, before Astro builds anything; a content mistake stops the build with the same
 * `file:line  field  message` report as `statusmark check`.
 */
export default function statusmark(userOptions?: StatusmarkOptions): AstroIntegration {
  // A mistake in the options is reported when Astro runs the integration, where it can stop the
  // build without a stack trace.
  let options: ReturnType<typeof parseOptions> = {};
  let optionsError: AstroError | undefined;
  try {
    options = parseOptions(userOptions);
  } catch (error) {
    if (!(error instanceof AstroError)) throw error;
    optionsError = error;
  }
  let settings: Settings | undefined;
  let loaded: SiteContent | undefined;
  return {
    name: 'statusmark',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig, injectRoute, addMiddleware, logger }) => {
        if (optionsError) stop(optionsError, command);
        const root = fileURLToPath(config.root);
        settings = resolveSettings(options, process.env, root, config.base);
        // Builds into their own folder (tests, benchmarks) also get their own intermediate server
        // build and content cache, so that two builds at once never read each other's files.
        const outDir = process.env.STATUSMARK_OUT_DIR
          ? resolve(root, process.env.STATUSMARK_OUT_DIR)
          : undefined;
        const finalOut = outDir ?? fileURLToPath(config.outDir);
        const overlap = refuseOverlap(settings.contentDir, finalOut, config);
        if (overlap) stop(overlap, command);
        // A build writes beside the output folder and swaps its result in when it has finished.
        const staging = command === 'build' ? stagingFolder(finalOut) : undefined;
        const writeTo = staging ?? outDir;
        // `astro sync` and `astro check` only need the routes' types, not the content.
        const content =
          command === 'build' || command === 'dev' ? load(settings, command, logger) : undefined;
        loaded = content;

        for (const file of ROUTES) {
          injectRoute({
            pattern: routePattern(file, content?.locales.length ?? 2),
            entrypoint: new URL(`../routes/${file}`, import.meta.url),
            prerender: true,
          });
        }

        updateConfig(
          siteConfig({ config, content, outDir, writeTo, staging, finalOut, base: settings.base }),
        );
        // A Content-Security-Policy <meta> on every built page (./page-policy.ts). Not under
        // `astro dev`, whose pages load Vite's client script.
        if (command === 'build')
          addMiddleware({ entrypoint: new URL('./page-policy.ts', import.meta.url), order: 'post' });
      },

      'astro:server:setup': ({ server, logger }) => {
        const current = settings;
        if (!current) return;
        const folder = resolve(current.contentDir);
        server.watcher.add(folder);
        const reload = (path: string) => {
          if (!resolve(path).startsWith(folder + sep) && resolve(path) !== folder) return;
          try {
            const { content, warnings } = loadContent(current, Date.now());
            if (warnings) logger.warn(warnings);
            publishContent(withEditHistory(content, current.contentDir, logger));
            server.ws.send({ type: 'full-reload' });
          } catch (error) {
            if (!(error instanceof ContentError)) throw error;
            // The last valid content stays on screen; the report says what to fix.
            logger.error(error.message);
          }
        };
        server.watcher.on('change', reload).on('add', reload).on('unlink', reload);
      },

      'astro:build:done': ({ dir }) => {
        // Cache and CORS rules for hosts that read `_headers` (Netlify, Cloudflare Pages); a site's
        // own public/_headers wins.
        const file = join(fileURLToPath(dir), '_headers');
        if (settings && !existsSync(file))
          writeFileSync(file, headersFile(settings.base, loaded && headerSettings(loaded)));
      },
    },
  };
}

type SetupHook = NonNullable<AstroIntegration['hooks']['astro:config:setup']>;
type ConfigUpdate = Parameters<Parameters<SetupHook>[0]['updateConfig']>[0];

/** Where a build writes: the output folder asked for, the staging folder it swaps in from, the final one. */
interface Folders {
  outDir: string | undefined;
  writeTo: string | undefined;
  staging: string | undefined;
  finalOut: string;
}

/** The Astro configuration a status site needs, from its content and the folders of this build. */
function siteConfig({
  config,
  content,
  outDir,
  writeTo,
  staging,
  finalOut,
  base,
}: Folders & { config: AstroConfig; content: SiteContent | undefined; base: string }): ConfigUpdate {
  return {
    ...(config.site === undefined && content ? { site: content.site.url } : {}),
    base,
    ...(writeTo ? { outDir: pathToFileURL(`${writeTo}/`) } : {}),
    ...(outDir ? { cacheDir: pathToFileURL(`${outDir.replace(/\/$/, '')}-cache/`) } : {}),
    trailingSlash: 'always',
    // Rendering 16 pages at a time overlaps their file writes, which dominate a large build
    // (10,000 incidents on a 2-core machine: about 19 s against 22 s at 8 and more at 4, with
    // ±2 s between runs; `npm run bench` in the Statusmark repository).
    build: {
      format: 'directory',
      // The stylesheets are files every page links, not copies inlined in each page: a reader's
      // browser keeps them between pages and refreshes, and a large build writes 40 % fewer bytes
      // (an incident page was 17.6 KB, 7 KB of it styles).
      inlineStylesheets: 'never',
      concurrency: 16,
      ...(writeTo ? { server: pathToFileURL(`${join(writeTo, '.server')}/`) } : {}),
    },
    devToolbar: { enabled: false },
    compressHTML: true,
    integrations: [
      sitemap(sitemapOptions(content)),
      ...(staging ? [publishIntegration(staging, finalOut)] : []),
    ],
    // The routes ship as .astro and .ts source: Vite compiles them with the site's own code.
    vite: { ssr: { noExternal: ['statusmark'] } },
  };
}

/** Reads and validates the content: the build's one validation pass. */
function load(settings: Settings, command: 'build' | 'dev', logger: { warn: (text: string) => void }) {
  try {
    const { content: loaded, warnings } = loadContent(settings, Date.now());
    if (warnings) logger.warn(warnings);
    // What changed on each page since it was published, read from git while the build goes on.
    const content = withEditHistory(loaded, settings.contentDir, logger);
    publishContent(content);
    return content;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    // A content mistake is the author's to fix, not a crash: the report, no stack trace, exit 1.
    const hint =
      command === 'dev' ? 'Fix the lines above; the page reloads when the files are saved.' : undefined;
    stop(new AstroError(error.message, hint), command);
  }
}

/**
 * Astro empties the output folder before it writes, and a build replaces it whole: an output folder
 * that is the content folder or the project, or holds either, or lies inside the content, would
 * delete them or publish into them. Refused before anything runs, by real paths (links followed).
 */
function refuseOverlap(contentDir: string, outDir: string, config: AstroConfig): AstroError | undefined {
  const problem = outputProblem({
    out: resolve(outDir),
    content: resolve(contentDir),
    project: fileURLToPath(config.root),
    src: fileURLToPath(config.srcDir),
    public: fileURLToPath(config.publicDir),
  });
  if (!problem) return undefined;
  return new AstroError(
    problem,
    "Build into a folder of its own: set STATUSMARK_OUT_DIR (or Astro's outDir) to a folder that holds neither the project nor the content and is not inside the content, and keep the content (and any link to it) out of that folder.",
  );
}

/**
 * Stops on a user's mistake: `astro build` prints the message and its hint and exits 1, with no stack
 * trace; the dev server gets the error to show.
 */
function stop(error: AstroError, command: string): never {
  if (command === 'build') {
    console.error(`${error.message}\n${error.hint ? `Hint: ${error.hint}\n` : ''}`);
    process.exit(1);
  }
  throw error;
}
