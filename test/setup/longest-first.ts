import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first within each group: the command line's (they need no
 * build, and run while the shared builds go on in the background), then the browser and whole-site
 * ones. A stale list costs time, never a result.
 */
const LONGEST = [
  'test/cli/chatops-workflow.test.ts',
  'test/cli/notify.test.ts',
  'test/cli/safe-writes.test.ts',
  'test/cli/workflows.test.ts',
  'test/site/builds.test.ts',
  'test/e2e/pack.test.ts',
  'test/e2e/layout.test.ts',
  'test/e2e/pages.test.ts',
  'test/site/demo-build.test.ts',
  'test/site/import-demo.test.ts',
  'test/site/languages-demo.test.ts',
  'test/e2e/embeds.test.ts',
];

/**
 * Vitest orders the files it has no timings for (every file, in a clean clone such as CI's) by
 * project name, then by size, so a long file could start last and run alone while the other core
 * idles. The files known to be long start first; the rest keep Vitest's order.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const at = LONGEST.findIndex((path) => spec.moduleId.endsWith(path));
      return at === -1 ? LONGEST.length : at;
    };
    return (await super.sort(files))
      .map((spec, index) => ({ spec, index, rank: rank(spec) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
