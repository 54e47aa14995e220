import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';

/**
 * Where a build writes, and how its result replaces the published folder. Astro empties its output
 * folder before it writes; a build that then fails (a crash, a kill, a full disk) would leave the
 * site empty, and a scheduled deploy would publish nothing. So a build writes into a fresh folder
 * beside the output folder, and only a build that finished swaps it in: two renames on one file
 * system, so the output folder is always a whole site, the old one or the new one.
 */
export function stagingFolder(outDir: string): string {
  const folder = outDir.replace(/[\\/]+$/, '');
  return join(dirname(folder), `.${basename(folder)}.building`);
}

/** Moves a finished build into place; the previous site is removed only after the new one is there. */
export function swapIn(staging: string, outDir: string): void {
  const folder = outDir.replace(/[\\/]+$/, '');
  const previous = join(dirname(folder), `.${basename(folder)}.previous`);
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(folder)) renameSync(folder, previous);
  renameSync(staging, folder);
  rmSync(previous, { recursive: true, force: true });
}

/**
 * The last step of a build, as its own integration so that it runs after every other integration's
 * `astro:build:done` (the sitemap's among them) has written into the staging folder.
 */
export function publishIntegration(staging: string, outDir: string): AstroIntegration {
  return {
    name: 'statusmark:publish',
    hooks: {
      'astro:build:done': ({ logger }) => {
        swapIn(staging, outDir);
        logger.info(`Published to ${outDir}`);
      },
    },
  };
}
