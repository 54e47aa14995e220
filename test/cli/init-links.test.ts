import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const URL_OF_SITE = 'https://status.acme.example';
let site: string;
/** Every file of a new site, and the draft postmortem `new postmortem` writes, by path in the site. */
const written = new Map<string, string>();

beforeAll(async () => {
  site = join(tempDir('init-links'), 'site');
  const init = await runCli(['init', site, '--yes', '--name', 'Acme', '--url', URL_OF_SITE]);
  if (init.code !== 0) throw new Error(init.all);
  const content = join(site, 'content');
  const at = { STATUSMARK_NOW: '2026-11-24T02:00:00Z' };
  const opened = await runCli(
    ['new', 'incident', 'Slow pages', '--severity', 'P3', '--component', 'website', '--content', content],
    at,
  );
  if (opened.code !== 0) throw new Error(opened.all);
  const draft = await runCli(['new', 'postmortem', '2026-11-24-slow-pages', '--content', content], at);
  if (draft.code !== 0) throw new Error(draft.all);
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else written.set(relative(site, path), readFileSync(path, 'utf8'));
    }
  };
  walk(site);
});

/** What `npm pack` puts in the package (package.json `files`, plus what npm always includes). */
const own = JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] };
function shipped(path: string): boolean {
  const matches = (entry: string) => (entry.endsWith('/') ? path.startsWith(entry) : path === entry);
  if (['README.md', 'LICENSE', 'package.json'].includes(path)) return true;
  return (
    own.files.some((f) => !f.startsWith('!') && matches(f)) &&
    !own.files.some((f) => f.startsWith('!') && matches(f.slice(1)))
  );
}

/** A path as a site sees it → the file it is, in the site or in the installed package (this repository). */
function fileOf(path: string): string | undefined {
  const inPackage = /^(?:\.\/)?node_modules\/statusmark\/(.+)$/.exec(path);
  if (inPackage) return shipped(inPackage[1]!) ? inPackage[1]! : undefined;
  return written.has(path) ? join(site, path) : undefined;
}

/** GitHub's anchors of a Markdown file's headings. */
function anchorsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
    heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .replace(/\s/g, '-'),
  );
}

const headingsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => heading!);

describe('every reference in the files statusmark init writes leads somewhere', () => {
  test('relative links and #anchors resolve, in the site or in the installed package', () => {
    const broken: string[] = [];
    for (const [path, text] of written) {
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue;
        const [file = '', anchor] = target!.split('#');
        const resolved = file === '' ? join(site, path) : fileOf(join(dirname(path), file));
        if (!resolved || !existsSync(resolved)) broken.push(`${path} → ${target}`);
        else if (anchor && !anchorsOf(resolved).includes(anchor))
          broken.push(`${path} → ${target} (no #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('every node_modules/statusmark/… path is a file the package ships', () => {
    const missing: string[] = [];
    for (const [path, text] of written)
      for (const [mention] of text.matchAll(/node_modules\/statusmark\/[\w./-]*[\w/]/g)) {
        const file = fileOf(mention);
        if (!file || !existsSync(file)) missing.push(`${path}: ${mention}`);
      }
    expect(missing).toEqual([]);
  });

  test('every section named as file, "Section" is a heading of that file', () => {
    const missing: string[] = [];
    let named = 0;
    for (const [path, text] of written)
      for (const [, ref, section] of text.matchAll(/([\w./-]*\.md|README|the README), "([^"]+)"/g)) {
        named++;
        const file = fileOf(/README$/.test(ref!) ? 'README.md' : ref!);
        if (!file || !existsSync(file)) missing.push(`${path}: ${ref} does not exist`);
        else if (!headingsOf(file).some((h) => h.startsWith(section!)))
          missing.push(`${path}: ${ref} has no section "${section}"`);
      }
    expect(missing).toEqual([]);
    expect(named).toBeGreaterThan(2);
  });

  test('web addresses are the site itself or the local preview, never a page that may not exist', () => {
    const external = [...written].flatMap(([path, text]) =>
      [...text.matchAll(/https?:\/\/[^\s)`'"<>,]+/g)]
        // A pattern such as https://github.com/<owner>/<repo>/issues/<number> is not a link.
        .filter((match) => !['<', '$'].includes(text[match.index + match[0].length] ?? ''))
        .map(([url]) => url.replace(/[.;:]$/, ''))
        .filter((url) => !url.startsWith(URL_OF_SITE) && !url.startsWith('http://localhost:4321'))
        .map((url) => `${path}: ${url}`),
    );
    expect(external).toEqual([]);
  });
});
