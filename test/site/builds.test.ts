import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { stagingFolder } from '../../src/integration/publish.ts';
import { buildCommand, buildSiteAsync, listFiles, readPage } from '../helpers/build.ts';
import { brokenLinks } from '../helpers/links.ts';
import { tempDir } from '../helpers/temp.ts';

const FIXTURE = 'test/fixtures/site';

// Each test runs an Astro build: room for a loaded machine.
describe('astro build', { timeout: 120_000 }, () => {
  test('stops on invalid content with the check report and no stack trace', async () => {
    const tree = tempDir('broken');
    cpSync('test/fixtures/base', tree, { recursive: true });
    cpSync('test/fixtures/invalid/incidents/status-typo.md', join(tree, 'incidents', 'status-typo.md'));
    const build = await buildSiteAsync(tree, { STATUSMARK_NOW: '2026-11-23T12:00:00Z' });
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(`${tree}/incidents/status-typo.md:10  updates[0].status  must be one of`);
    expect(build.output).not.toMatch(/Stack trace|\n\s+at .+:\d+:\d+/);
    expect(listFiles(build.outDir)).toEqual([]);
  });

  test('refuses an output folder that holds the content, and the content stays', async () => {
    const parent = tempDir('overlap');
    cpSync('test/fixtures/base', join(parent, 'content'), { recursive: true });
    const before = listFiles(join(parent, 'content'));
    const build = await buildSiteAsync(join(parent, 'content'), { STATUSMARK_OUT_DIR: parent });
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(`The output folder ${parent} holds the content folder ${parent}/content`);
    expect(build.output).not.toMatch(/Stack trace|\n\s+at .+:\d+:\d+/);
    expect(listFiles(join(parent, 'content'))).toEqual(before);
  });

  test('a project site under a base path links only inside it', async () => {
    // Built when the fixture's site notice has ended (its `until`), which the notice tests count on.
    const build = await buildSiteAsync(FIXTURE, {
      STATUSMARK_BASE: '/status/',
      STATUSMARK_NOW: '2026-12-01T00:00:00Z',
    });
    expect(build.status, build.output).toBe(0);
    expect(brokenLinks(build.outDir, '/status/')).toEqual([]);
    const home = readPage(build.outDir, '/');
    expect(
      home.querySelector('link[rel="alternate"][type="application/rss+xml"]')?.getAttribute('href'),
    ).toBe('/status/feed.xml');
    expect(readFileSync(join(build.outDir, 'feed.xml'), 'utf8')).toContain(
      '<link>https://status.kestrel.example/status/incidents/2026-11-22-elevated-api-errors/#update-20261123T0041Z</link>',
    );
    expect(readFileSync(join(build.outDir, 'robots.txt'), 'utf8')).toContain(
      'Sitemap: https://status.kestrel.example/status/sitemap-index.xml',
    );
    // The site notice ran until 2026-12-01T00:00:00Z: at that instant it is gone from every page.
    for (const page of listFiles(build.outDir).filter((f) => f.endsWith('.html')))
      expect(readPage(build.outDir, `/${page}`).querySelector('aside.notice'), page).toBeNull();
  });
});

describe('a build killed halfway', () => {
  // The published site is a copy of the run's shared build of the same fixture: a build is killed
  // while it writes, then the next one runs to the end in the same place.
  const published = { outDir: '', before: [] as string[], home: Buffer.alloc(0) };
  const afterKill = { files: [] as string[], home: Buffer.alloc(0) };
  let again: { status: number | null; output: string };

  beforeAll(async () => {
    published.outDir = tempDir('published');
    cpSync(inject('siteDist'), published.outDir, { recursive: true });
    // A file only the copy has: gone once a new build has taken its place.
    writeFileSync(join(published.outDir, 'previous-site.txt'), 'the site before this build');
    published.before = listFiles(published.outDir);
    published.home = readFileSync(join(published.outDir, 'index.html'));
    const { args, options } = buildCommand(FIXTURE, { STATUSMARK_OUT_DIR: published.outDir });
    const child = spawn(process.execPath, args, { ...options, stdio: 'ignore' });
    const exited = new Promise((done) => child.on('exit', done));
    // Killed once it has written pages: Astro has emptied the folder it writes into by then.
    const staging = stagingFolder(published.outDir);
    const pages = () => (existsSync(staging) ? listFiles(staging).filter((f) => f.endsWith('.html')) : []);
    while (pages().length < 5) {
      if (child.exitCode !== null) throw new Error('the build ended before it could be killed');
      await new Promise((wait) => setTimeout(wait, 20));
    }
    child.kill('SIGKILL');
    await exited;
    afterKill.files = listFiles(published.outDir);
    afterKill.home = readFileSync(join(published.outDir, 'index.html'));
    again = await buildSiteAsync(FIXTURE, { STATUSMARK_OUT_DIR: published.outDir });
  }, 300_000);

  test('leaves the previous site whole', () => {
    expect(afterKill.files).toEqual(published.before);
    expect(afterKill.home.equals(published.home)).toBe(true);
  });

  test('and the next build publishes in its place, leaving nothing beside it', () => {
    expect(again.status, again.output).toBe(0);
    expect(listFiles(published.outDir)).toEqual(published.before.filter((f) => f !== 'previous-site.txt'));
    expect(existsSync(stagingFolder(published.outDir))).toBe(false);
  });

  test('the same content and clock give byte-identical output (that build and the shared one)', () => {
    const shared = inject('siteDist');
    const files = listFiles(shared);
    expect(listFiles(published.outDir)).toEqual(files);
    const different = files.filter(
      (f) => !readFileSync(join(shared, f)).equals(readFileSync(join(published.outDir, f))),
    );
    expect(different).toEqual([]);
  });
});
