import { spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { tempDir } from '../helpers/temp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The command line bundled from this run's src/ (test/setup/cli-bundle.ts): `node <cliBundle> <args>`. */
    cliBundle: string;
  }
}

const shared = globalThis as { statusmarkCliBundle?: string };

/**
 * The command line bundled once per run (`npm run build:cli`'s script, into the run's folder), for the
 * tests that start it as a process many times: the workflow tests run `npx statusmark` in every job.
 * It starts in a twentieth of the time tsx takes to load src/ (about 50 ms against 1 s), and it is
 * the code a site runs. Its folder stands where the package's root would: the bundle finds locales/,
 * templates/ and node_modules/ through links to this repository's. Not the repository's own
 * dist-cli/, which the packed-package test deletes and builds again (`npm pack`) while others run.
 */
export default function setup(project: TestProject) {
  shared.statusmarkCliBundle ??= build();
  project.provide('cliBundle', shared.statusmarkCliBundle);
}

function build(): string {
  const root = tempDir('shared-cli');
  for (const entry of ['src', 'locales', 'templates', 'node_modules', 'package.json'])
    symlinkSync(resolve(entry), join(root, entry));
  const result = spawnSync(process.execPath, ['scripts/build-cli.mjs', join(root, 'dist-cli')], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build:cli failed:\n${result.stdout}${result.stderr}`);
  // As the installed bin/statusmark.mjs starts it: with Node's compile cache (a tenth less CPU a start),
  // kept in this run's folder rather than the one every Node program on the machine shares in /tmp.
  const entry = join(root, 'statusmark.mjs');
  writeFileSync(
    entry,
    `import module from 'node:module';\nmodule.enableCompileCache?.(${JSON.stringify(join(root, 'compile-cache'))});\nawait import('./dist-cli/cli/main.js');\n`,
  );
  return entry;
}
