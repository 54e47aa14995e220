import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startBuild } from '../helpers/build.ts';
import { tempDir } from '../helpers/temp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/ of test/fixtures/site, built once per run for every whole-site test (test/setup/fixture-site.ts). */
    siteDist: string;
    /** dist/ of the demo in every shipped language, built once per run (test/setup/demo-build.ts). */
    demoDist: string;
  }
}

/** One map for every project's setup: the site and end-to-end tiers ask for the same builds. */
const shared = globalThis as {
  statusmarkSharedBuilds?: Map<string, { outDir: string; child: ChildProcess }>;
};

/** Written beside a shared build's folder when it ends: its exit status and Astro's output. */
const resultOf = (outDir: string) => `${outDir}.result.json`;

/**
 * Starts a build that the test files of a run share, once however many projects ask for it, and
 * returns its output folder at once: the build runs in the background while the other tiers' tests
 * run (Vitest starts the cli tier's files first), and each test file of the site and end-to-end
 * tiers waits for it before it starts (test/setup/wait-for-builds.ts). The folders lie in the run's
 * folder and go with it.
 */
export function startSharedBuild(name: string, content: () => string): string {
  shared.statusmarkSharedBuilds ??= new Map();
  const known = shared.statusmarkSharedBuilds.get(name);
  if (known) return known.outDir;
  const outDir = tempDir(`shared-${name}`);
  const { child, done } = startBuild(content(), { STATUSMARK_OUT_DIR: outDir });
  shared.statusmarkSharedBuilds.set(name, { outDir, child });
  // A build stopped at the end of the run may end after the run's folder is gone: nothing to record.
  void done.then(({ status, output }) => {
    if (existsSync(dirname(outDir))) writeFileSync(resultOf(outDir), JSON.stringify({ status, output }));
  });
  return outDir;
}

/** After the run: a build still going (the run was cut short) is stopped; a later run builds again. */
export function stopSharedBuilds(): void {
  for (const { child } of shared.statusmarkSharedBuilds?.values() ?? [])
    if (child.exitCode === null && child.signalCode === null) child.kill();
  delete shared.statusmarkSharedBuilds;
}

/** Waits until a shared build has ended; one that failed fails the test file with Astro's output. */
export async function waitForSharedBuild(outDir: string, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(resultOf(outDir))) {
    if (Date.now() > until) throw new Error(`The shared build into ${outDir} did not end in time`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
  const { status, output } = JSON.parse(readFileSync(resultOf(outDir), 'utf8')) as {
    status: number | null;
    output: string;
  };
  if (status !== 0) throw new Error(`The shared build into ${outDir} failed:\n${output}`);
}
