import type { TestProject } from 'vitest/node';
import { buildSite } from './helpers/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/ of the demo content, built once for every whole-site test. */
    demoDist: string;
  }
}

export default function setup(project: TestProject) {
  const build = buildSite('content');
  if (build.status !== 0) throw new Error(`The demo site did not build:\n${build.output}`);
  project.provide('demoDist', build.outDir);
}
