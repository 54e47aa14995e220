import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseHTML } from 'linkedom';
import { tempDir } from './temp.ts';

export interface BuildResult {
  outDir: string;
  status: number | null;
  output: string;
}

/** The repository: every test runs from its root. */
const REPO = resolve('.');

/**
 * The environment without what Vitest adds to it (BASE_URL, MODE, NODE_ENV=test …), which would
 * otherwise leak into the build under test and override its configuration.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const leaked = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']);
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !leaked.has(key) && !key.startsWith('VITEST')),
  );
}

/**
 * Runs `astro build` on a content tree into a fresh temporary folder (or `env.STATUSMARK_OUT_DIR`).
 * It blocks this test file's worker until the build ends: use buildSiteAsync to build several at once.
 */
export function buildSite(content: string, env: Record<string, string> = {}): BuildResult {
  const { outDir, args, options } = buildCommand(content, env);
  const result = spawnSync(process.execPath, args, { ...options, encoding: 'utf8' });
  return { outDir, status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The same build without blocking: builds started together run side by side. */
export function buildSiteAsync(content: string, env: Record<string, string> = {}): Promise<BuildResult> {
  return startBuild(content, env).done;
}

/** A build started in the background: its process, and its result when it ends. */
export function startBuild(content: string, env: Record<string, string> = {}) {
  const { outDir, args, options } = buildCommand(content, env);
  const child = spawn(process.execPath, args, options);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const done = new Promise<BuildResult>((resolve) =>
    child.on('close', (status) => resolve({ outDir, status, output })),
  );
  return { child, done };
}

/**
 * The command line and environment of such a build, for a test that needs to start one itself.
 *
 * Each build runs in a working folder of its own beside its output (with the repository's
 * node_modules linked in): Astro writes its intermediate prerender bundle into `.astro/` of the
 * working folder when the output folder lies outside it, so two builds started from the repository
 * at once would overwrite and delete each other's bundle.
 */
export function buildCommand(content: string, env: Record<string, string> = {}) {
  const outDir = env.STATUSMARK_OUT_DIR ?? tempDir('dist');
  const cwd = `${outDir.replace(/[\\/]+$/, '')}-work`;
  mkdirSync(cwd, { recursive: true });
  if (!existsSync(join(cwd, 'node_modules')))
    symlinkSync(join(REPO, 'node_modules'), join(cwd, 'node_modules'));
  return {
    outDir,
    args: [join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent', '--root', REPO],
    options: {
      cwd,
      env: {
        ...cleanEnv(),
        ASTRO_TELEMETRY_DISABLED: '1',
        STATUSMARK_CONTENT: resolve(content),
        STATUSMARK_NOW: '',
        ...env,
        STATUSMARK_OUT_DIR: outDir,
      },
    },
  };
}

/** Every file under a folder, as paths relative to it with "/". */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

export function readPage(outDir: string, path: string): Document {
  const file = join(outDir, path.replace(/^\//, ''), path.endsWith('.html') ? '' : 'index.html');
  return parseHTML(readFileSync(file, 'utf8')).document;
}

export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
