import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stagingFolder } from '../../src/integration/publish.ts';

const made: string[] = [];

/** This run's own folder (test/setup/temp-root.ts), or one of this process's when run without it. */
function runRoot(): string {
  const root = process.env.STATUSMARK_TEST_TMP ?? mkdtempSync(join(tmpdir(), 'statusmark-test-run-'));
  process.env.STATUSMARK_TEST_TMP = root;
  mkdirSync(root, { recursive: true });
  return root;
}

/** A fresh folder in this run's temporary folder, removed after the test file (test/helpers/cleanup.ts). */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(runRoot(), `${name}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder made by tempDir so far, and what a build put beside it (cache, working folder, staging). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-cache`, { recursive: true, force: true });
    rmSync(`${dir}-work`, { recursive: true, force: true });
    // What a build that was stopped on purpose leaves beside its output folder.
    rmSync(stagingFolder(dir), { recursive: true, force: true });
  }
}
