import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const shared = globalThis as { statusmarkTestRoot?: { path: string; users: number } };

/**
 * One folder of this run's own in the system temp directory, for every temporary folder the tests make
 * (test/helpers/temp.ts). Other programs' folders beside it are none of the tests' business; after the
 * run this one must be empty, or a test left something behind. Every tier's setup shares the one folder;
 * the last to finish checks and removes it.
 */
export default function setup() {
  shared.statusmarkTestRoot ??= { path: mkdtempSync(join(tmpdir(), 'statusmark-test-run-')), users: 0 };
  const root = shared.statusmarkTestRoot;
  root.users += 1;
  process.env.STATUSMARK_TEST_TMP = root.path;
  return () => {
    root.users -= 1;
    if (root.users > 0) return;
    delete shared.statusmarkTestRoot;
    // The builds the setups share (shared-builds.ts) stay until here.
    const left = readdirSync(root.path).filter((name) => !name.startsWith('shared-'));
    rmSync(root.path, { recursive: true, force: true });
    if (left.length > 0)
      throw new Error(
        `Tests left folders behind: ${left.join(', ')}; make them with tempDir() (test/helpers/temp.ts)`,
      );
  };
}
