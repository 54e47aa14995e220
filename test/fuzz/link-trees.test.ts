import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readContentTree } from '../../src/loader/read-tree.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { FIXTURE_NOW } from '../helpers/tree.ts';
import { FUZZ, FUZZ_TIMEOUT } from './settings.ts';

/** In every file outside the content folder: it must never appear in what check or the loader read. */
const SECRET = 'password: linked-secret-4c1d';
const FOLDERS = ['incidents', 'maintenance', 'postmortems', 'templates', 'locales'] as const;

/** Valid content with the secret in it, so that reading it would pass unnoticed. */
const INCIDENT = `${readFileSync('test/fixtures/base/incidents/2026-11-20-api-errors.md', 'utf8').trimEnd()}\n\n${SECRET}\n`;

/** Something that is not a plain file or folder, somewhere under a content folder. */
const entryArb = fc.record({
  folder: fc.constantFrom(...FOLDERS),
  under: fc.array(fc.constantFrom('2026', 'old', 'a b', 'é'), { maxLength: 2 }),
  name: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/),
  extension: fc.constantFrom('.md', '.yaml', '.txt', ''),
  kind: fc.constantFrom('file link', 'folder link', 'link inside', 'pipe'),
});

/** Whole content folders (incidents/, locales/ …) that are links to a folder elsewhere. */
const linkedFoldersArb = fc.uniqueArray(fc.constantFrom(...FOLDERS), { maxLength: 2 });

type Entry = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

/** Makes the tree; returns the paths check must name, as it names them. */
function makeTree(entries: Entry[], linkedFolders: string[]): { root: string; refused: string[] } {
  const dir = tempDir('link-tree');
  const root = join(dir, 'content');
  const outside = join(dir, 'outside');
  cpSync('test/fixtures/base', root, { recursive: true });
  mkdirSync(join(outside, 'folder'), { recursive: true });
  writeFileSync(join(outside, 'secret.md'), INCIDENT);
  writeFileSync(join(outside, 'folder', '2026-11-21-secret.md'), INCIDENT);
  const refused = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    const path = join(root, entry.folder, ...entry.under, `${entry.name}-${i}${entry.extension}`);
    mkdirSync(dirname(path), { recursive: true });
    if (entry.kind === 'pipe') execFileSync('mkfifo', [path]);
    else if (entry.kind === 'file link') symlinkSync(join(outside, 'secret.md'), path);
    else if (entry.kind === 'folder link') symlinkSync(join(outside, 'folder'), path);
    else symlinkSync(join(root, 'incidents'), path);
    refused.add(path);
  }
  for (const folder of linkedFolders) {
    const moved = join(outside, `moved-${folder}`);
    mkdirSync(join(root, folder), { recursive: true });
    renameSync(join(root, folder), moved);
    writeFileSync(join(moved, '2026-11-22-secret.md'), INCIDENT);
    symlinkSync(moved, join(root, folder));
    // What was inside is elsewhere now; the link itself is what check names.
    for (const path of [...refused]) if (path.startsWith(join(root, folder) + '/')) refused.delete(path);
    refused.add(join(root, folder));
  }
  return { root, refused: [...refused] };
}

describe('content trees with links and pipes', () => {
  test(
    'no linked content is read: check refuses, names each path, and nothing throws',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entryArb, { minLength: 1, maxLength: 6 }),
          linkedFoldersArb,
          async (entries, linkedFolders) => {
            const { root, refused } = makeTree(entries, linkedFolders);
            const tree = readContentTree(root);
            const read = [tree.site, tree.components, ...FOLDERS.flatMap((f) => tree[f])];
            expect(read.filter((source) => source?.text.includes(SECRET))).toEqual([]);

            const check = await runCli(['check', '--content', root], { STATUSMARK_NOW: FIXTURE_NOW });
            expect(check.code).toBe(1);
            for (const path of refused)
              expect(check.all).toMatch(
                new RegExp(
                  `${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  \\(file\\)  is (a symbolic link|not a regular file)`,
                ),
              );
            expect(check.all).not.toContain(SECRET);
            expect(check.all).not.toMatch(/\n\s+at .+:\d+:\d+/);
          },
        ),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );
});
