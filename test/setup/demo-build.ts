import type { TestProject } from 'vitest/node';
import { buildSite } from '../helpers/build.ts';
import { tempDir } from '../helpers/temp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/ of the fixture site, built once per run for every whole-site test. */
    siteDist: string;
  }
}

const shared = globalThis as { statusmarkFixtureSite?: string };

/**
 * Builds test/fixtures/site once per run for the site and end-to-end tiers (both ask; the second gets
 * the first's folder). It lies in the run's folder and goes with it.
 */
export default function setup(project: TestProject) {
  if (!shared.statusmarkFixtureSite) {
    const build = buildSite('test/fixtures/site', { STATUSMARK_OUT_DIR: tempDir('fixture-site') });
    if (build.status !== 0) throw new Error(`The fixture site did not build:\n${build.output}`);
    shared.statusmarkFixtureSite = build.outDir;
  }
  project.provide('siteDist', shared.statusmarkFixtureSite);
}
