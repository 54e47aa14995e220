import type { TestProject } from 'vitest/node';
import { allLanguagesDemo } from '../helpers/demo.ts';
import { tempDir } from '../helpers/temp.ts';
import { startSharedBuild, stopSharedBuilds } from './shared-builds.ts';

/** The demo (content/) in every shipped language, built once per run for the site tier: inject('demoDist'). */
export default function setup(project: TestProject) {
  project.provide(
    'demoDist',
    startSharedBuild('demo', () => allLanguagesDemo(tempDir('shared-demo-content'))),
  );
  return stopSharedBuilds;
}
