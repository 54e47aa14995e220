import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stagingFolder } from '../../src/integration/publish.ts';

const made: string[] = [];

/** A fresh folder in the system temp directory, removed after the test file (test/helpers/cleanup.ts). */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `statusmark-${name}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder made by tempDir so far, and what a build put beside it (cache, staging). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-cache`, { recursive: true, force: true });
    // What a build that was stopped on purpose leaves beside its output folder.
    rmSync(stagingFolder(dir), { recursive: true, force: true });
  }
}
