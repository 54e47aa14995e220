import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import { buildSite } from './helpers/build.ts';
import { removeTempDirs } from './helpers/temp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/ of the demo content, built once for every whole-site test. */
    siteDist: string;
  }
}

const ours = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('statusmark-')));

export default function setup(project: TestProject) {
  const before = ours();
  const build = buildSite('test/fixtures/site');
  if (build.status !== 0) throw new Error(`The demo site did not build:\n${build.output}`);
  project.provide('siteDist', build.outDir);

  // After every test file: the demo build goes too, and nothing else the tests made may be left.
  return () => {
    removeTempDirs();
    const left = [...ours()].filter((name) => !before.has(name));
    if (left.length > 0)
      throw new Error(`Tests left folders in ${tmpdir()}: ${left.join(', ')}; make them with tempDir()`);
  };
}
