import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ContentError, loadContent } from '../../src/loader/load.ts';
import { readContentTree } from '../../src/loader/read-tree.ts';
import { resolveSettings } from '../../src/loader/settings.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { FIXTURE_NOW } from '../helpers/tree.ts';

const SECRET = 'password: hunter2-linked-folder';
let parent: string;
let root: string;

beforeEach(() => {
  parent = tempDir('linked');
  root = join(parent, 'content');
  cpSync('test/fixtures/site', root, { recursive: true });
});

/** A maintenance announcement that is valid content, with a password in its text. */
function secretAnnouncement(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const valid = readFileSync('test/fixtures/site/maintenance/2026-10-18-database-upgrade.md', 'utf8');
  writeFileSync(join(folder, '2026-12-01-secret-window.md'), `${valid.trimEnd()}\n\n${SECRET}\n`);
}

/** What `statusmark check` prints for the content folder, and its exit code. */
const check = () => runCli(['check', '--content', root], { STATUSMARK_NOW: FIXTURE_NOW });

/** What the build's one validation pass (the integration's, before Astro runs) stops with. */
function buildReport(): string {
  try {
    loadContent(resolveSettings({ content: root, now: FIXTURE_NOW }, {}, ''), Date.now());
  } catch (error) {
    if (error instanceof ContentError) return error.message;
    throw error;
  }
  return 'the build went on';
}

describe('a linked folder is never read', () => {
  test('content/maintenance linked elsewhere: check and the build refuse it by name', async () => {
    const elsewhere = join(parent, 'shared-maintenance');
    renameSync(join(root, 'maintenance'), elsewhere);
    secretAnnouncement(elsewhere);
    symlinkSync(elsewhere, join(root, 'maintenance'));

    expect(readContentTree(root).maintenance.map((f) => f.text)).toEqual(['']);
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.all).toContain(
      `${root}/maintenance  (file)  is a symbolic link to a folder, which is not read; replace the link with the real folder`,
    );
    expect(result.all).not.toContain('hunter2');
    expect(result.all).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const build = buildReport();
    expect(build).toContain(`${root}/maintenance  (file)  is a symbolic link to a folder`);
    expect(build).not.toContain('hunter2');
  });

  test('a linked folder deeper down is refused, even one that points inside the content folder', async () => {
    secretAnnouncement(join(parent, 'drafts'));
    mkdirSync(join(root, 'maintenance', '2026'));
    symlinkSync(join(parent, 'drafts'), join(root, 'maintenance', '2026', 'drafts'));
    symlinkSync(join(root, 'incidents'), join(root, 'postmortems', 'again'));

    const result = await check();
    expect(result.code).toBe(1);
    expect(result.all).toContain(`${root}/maintenance/2026/drafts  (file)  is a symbolic link to a folder`);
    expect(result.all).toContain(`${root}/postmortems/again  (file)  is a symbolic link to a folder`);
    expect(result.all).not.toContain('hunter2');
  });

  test('a linked locales folder is refused too', async () => {
    mkdirSync(join(parent, 'catalogues'));
    writeFileSync(join(parent, 'catalogues', 'de.yaml'), `nav.home: "${SECRET}"\n`);
    symlinkSync(join(parent, 'catalogues'), join(root, 'locales'));

    const result = await check();
    expect(result.code).toBe(1);
    expect(result.all).toContain(`${root}/locales  (file)  is a symbolic link to a folder`);
    expect(result.all).not.toContain('hunter2');
  });
});

describe('what is neither a file nor a folder is refused, not waited on', () => {
  let server: Server | undefined;
  afterEach(() => void server?.close());

  test('named pipes and a socket, whatever their names, are named with what they are', async () => {
    execFileSync('mkfifo', [join(root, 'incidents', '2026-12-01-pipe.md')]);
    execFileSync('mkfifo', [join(root, 'incidents', 'notes.txt')]);
    const socket = join(root, 'postmortems', 'agent.sock');
    server = createServer();
    await new Promise<void>((done) => server!.listen(socket, done));

    const result = await check();
    expect(result.code).toBe(1);
    for (const [path, kind] of [
      ['incidents/2026-12-01-pipe.md', 'a named pipe'],
      ['incidents/notes.txt', 'a named pipe'],
      ['postmortems/agent.sock', 'a socket'],
    ])
      expect(result.all).toContain(
        `${root}/${path}  (file)  is not a regular file but ${kind}, which is not read; remove it from the content folder`,
      );
    expect(result.all).not.toMatch(/ENXIO|\n\s+at .+:\d+:\d+/);
  });
});

describe('a folder that cannot be listed is named, not a crash', () => {
  // Root reads every folder whatever its mode, so this can only be shown by an ordinary user.
  const privileged = process.getuid?.() === 0;
  test.skipIf(privileged)('a collection subfolder without read permission', async () => {
    const locked = join(root, 'incidents', '2025');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    try {
      const result = await check();
      expect(result.code).toBe(1);
      expect(result.all).toContain(`${locked}  (file)  is a folder that cannot be read (permission denied)`);
      expect(result.all).not.toMatch(/EACCES|\n\s+at .+:\d+:\d+/);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});
