import type { TestProject } from 'vitest/node';
import { startSharedBuild, stopSharedBuilds } from './shared-builds.ts';

/** test/fixtures/site, built once per run for the site and end-to-end tiers: inject('siteDist'). */
export default function setup(project: TestProject) {
  project.provide(
    'siteDist',
    startSharedBuild('fixture-site', () => 'test/fixtures/site'),
  );
  return stopSharedBuilds;
}
