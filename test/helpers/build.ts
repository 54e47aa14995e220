import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseHTML } from 'linkedom';
import { tempDir } from './temp.ts';

export interface BuildResult {
  outDir: string;
  status: number | null;
  output: string;
}

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

/** Runs `astro build` on a content tree into a fresh temporary folder (or `env.STATUSMARK_OUT_DIR`). */
export function buildSite(content: string, env: Record<string, string> = {}): BuildResult {
  const { outDir, args, options } = buildCommand(content, env);
  const result = spawnSync(process.execPath, args, { ...options, encoding: 'utf8' });
  return { outDir, status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The command line and environment of such a build, for a test that needs to start one itself. */
export function buildCommand(content: string, env: Record<string, string> = {}) {
  const outDir = env.STATUSMARK_OUT_DIR ?? tempDir('dist');
  return {
    outDir,
    args: ['node_modules/astro/bin/astro.mjs', 'build', '--silent'],
    options: {
      env: {
        ...cleanEnv(),
        ASTRO_TELEMETRY_DISABLED: '1',
        STATUSMARK_CONTENT: content,
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
