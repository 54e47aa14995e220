import { buildSiteAsync, type BuildResult } from '../helpers/build.ts';
import { tempDir } from '../helpers/temp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/ of test/fixtures/site, built once per run for every whole-site test (test/setup/fixture-site.ts). */
    siteDist: string;
    /** dist/ of the demo in every shipped language, built once per run (test/setup/demo-build.ts). */
    demoDist: string;
  }
}

interface SharedBuild {
  outDir: string;
  done: Promise<BuildResult>;
}

/** One map for every project's setup: the site and end-to-end tiers ask for the same builds. */
const shared = globalThis as { statusmarkSharedBuilds?: Map<string, SharedBuild> };

/**
 * Starts a build that the test files of a run share, once however many projects ask for it, and
 * returns its output folder. Builds started by several setups run side by side; builds-done.ts waits
 * for all of them before any test starts. Their folders lie in the run's folder and go with it.
 */
export function startSharedBuild(name: string, content: () => string): string {
  shared.statusmarkSharedBuilds ??= new Map();
  let build = shared.statusmarkSharedBuilds.get(name);
  if (!build) {
    const outDir = tempDir(`shared-${name}`);
    build = { outDir, done: buildSiteAsync(content(), { STATUSMARK_OUT_DIR: outDir }) };
    shared.statusmarkSharedBuilds.set(name, build);
  }
  return build.outDir;
}

/** Waits for every shared build; one that failed stops the run with Astro's output. */
export async function sharedBuildsDone(): Promise<void> {
  for (const [name, build] of shared.statusmarkSharedBuilds ?? []) {
    const result = await build.done;
    if (result.status !== 0) throw new Error(`The shared build "${name}" failed:\n${result.output}`);
  }
}

/** After the run: its folder goes, so a later run (watch mode) builds again. */
export function forgetSharedBuilds(): void {
  delete shared.statusmarkSharedBuilds;
}
