import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { stagingFolder } from '../../src/integration/publish.ts';
import { buildCommand, buildSite, listFiles, readPage } from '../helpers/build.ts';
import { brokenLinks } from '../helpers/links.ts';
import { tempDir } from '../helpers/temp.ts';

describe('astro build', () => {
  test('stops on invalid content with the check report and no stack trace', () => {
    const tree = tempDir('broken');
    cpSync('test/fixtures/base', tree, { recursive: true });
    cpSync('test/fixtures/invalid/incidents/status-typo.md', join(tree, 'incidents', 'status-typo.md'));
    const build = buildSite(tree, { STATUSMARK_NOW: '2026-11-23T12:00:00Z' });
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(`${tree}/incidents/status-typo.md:10  updates[0].status  must be one of`);
    expect(build.output).not.toMatch(/Stack trace|\n\s+at .+:\d+:\d+/);
    expect(listFiles(build.outDir)).toEqual([]);
  });

  test('refuses an output folder that holds the content, and the content stays', () => {
    const parent = tempDir('overlap');
    cpSync('test/fixtures/base', join(parent, 'content'), { recursive: true });
    const before = listFiles(join(parent, 'content'));
    const build = buildSite(join(parent, 'content'), { STATUSMARK_OUT_DIR: parent });
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(`The output folder ${parent} holds the content folder ${parent}/content`);
    expect(build.output).not.toMatch(/Stack trace|\n\s+at .+:\d+:\d+/);
    expect(listFiles(join(parent, 'content'))).toEqual(before);
  });

  test('a build killed halfway leaves the previous site whole, and the next build publishes', async () => {
    const first = buildSite('test/fixtures/site');
    expect(first.status, first.output).toBe(0);
    const before = listFiles(first.outDir);
    const home = readFileSync(join(first.outDir, 'index.html'));
    const { args, options } = buildCommand('test/fixtures/site', { STATUSMARK_OUT_DIR: first.outDir });
    const child = spawn(process.execPath, args, { ...options, stdio: 'ignore' });
    const exited = new Promise((done) => child.on('exit', done));
    // Killed once it has written pages: Astro has emptied the folder it writes into by then.
    const staging = stagingFolder(first.outDir);
    const pages = () => (existsSync(staging) ? listFiles(staging).filter((f) => f.endsWith('.html')) : []);
    while (pages().length < 5) {
      if (child.exitCode !== null) throw new Error('the build ended before it could be killed');
      await new Promise((wait) => setTimeout(wait, 20));
    }
    child.kill('SIGKILL');
    await exited;
    expect(listFiles(first.outDir)).toEqual(before);
    expect(readFileSync(join(first.outDir, 'index.html')).equals(home)).toBe(true);

    const again = buildSite('test/fixtures/site', { STATUSMARK_OUT_DIR: first.outDir });
    expect(again.status, again.output).toBe(0);
    expect(listFiles(first.outDir)).toEqual(before);
    expect(existsSync(staging)).toBe(false);
  }, 120_000);

  test('the same content and clock give byte-identical output', () => {
    const first = inject('siteDist');
    const second = buildSite('test/fixtures/site').outDir;
    const files = listFiles(first);
    expect(listFiles(second)).toEqual(files);
    const different = files.filter(
      (f) => !readFileSync(join(first, f)).equals(readFileSync(join(second, f))),
    );
    expect(different).toEqual([]);
  }, 120_000);

  test('a project site under a base path links only inside it', () => {
    const build = buildSite('test/fixtures/site', { STATUSMARK_BASE: '/status/' });
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
  }, 120_000);
});
