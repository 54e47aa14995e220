import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroConfig } from 'astro';
import { AstroError } from 'astro/errors';
import { describe, expect, test } from 'vitest';
import statusmark from '../../src/integration/index.ts';
import {
  outputOverlap,
  outputProblem,
  realFolder,
  type GuardedFolder,
} from '../../src/integration/publish.ts';
import { tempDir } from '../helpers/temp.ts';

/** A folder with no links on the way: where it is configured is where it is. */
const at = (path: string) => ({ path, real: path });
const content: GuardedFolder = {
  ...at('/site/content'),
  name: 'the content folder',
  loss: 'delete the content',
  mayHoldOutput: false,
};
const project: GuardedFolder = {
  ...at('/site'),
  name: 'the project folder',
  loss: 'replace the project with the built site',
  mayHoldOutput: true,
};
const overlap = (out: string) => outputOverlap(at(out), [project, content]);

describe('which output folders a build may write to (paths only)', () => {
  test.each([
    ['/site/dist', 'a folder of its own in the project'],
    ['/elsewhere/dist', 'a folder outside the project'],
    ['/site/content-site', 'a sibling whose name starts like the content folder'],
  ])('%s: %s', (out) => expect(overlap(out)).toBeUndefined());

  test.each([
    ['/site', 'The output folder /site is the project folder /site; a build would replace the project'],
    ['/', 'The output folder / holds the project folder /site; a build would replace the project'],
    [
      '/site/content',
      'The output folder /site/content is the content folder /site/content; a build would delete the content.',
    ],
    [
      '/site/content/dist',
      'The output folder /site/content/dist is inside the content folder /site/content; a build would write into the content folder.',
    ],
  ])('%s is refused', (out, message) => expect(overlap(out)).toContain(message));

  test('the real places decide, and the message names them when only they overlap', () => {
    const linked = { ...content, real: '/site/dist/content' };
    expect(outputOverlap(at('/site/dist'), [linked])).toBe(
      'The output folder /site/dist holds the content folder /site/content (really /site/dist/content); a build would delete the content.',
    );
  });
});

describe('where a folder really is', () => {
  test('a folder that does not exist yet is placed through its nearest existing parent', () => {
    const dir = tempDir('real');
    mkdirSync(join(dir, 'target'));
    symlinkSync(join(dir, 'target'), join(dir, 'link'));
    expect(realFolder(join(dir, 'link', 'not', 'yet'))).toBe(join(realFolder(dir), 'target', 'not', 'yet'));
  });

  test('a link that points nowhere yet is followed, as the build would follow it', () => {
    const dir = tempDir('real');
    symlinkSync(join(dir, 'later'), join(dir, 'out'));
    expect(realFolder(join(dir, 'out', 'site'))).toBe(join(realFolder(dir), 'later', 'site'));
  });
});

/** A project folder with content, as `statusmark init` makes it. */
function newProject(): string {
  const dir = tempDir('project');
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'public'));
  cpSync('test/fixtures/base', join(dir, 'content'), { recursive: true });
  return dir;
}

const folders = (dir: string, out: string, contentDir = join(dir, 'content')) => ({
  out,
  content: contentDir,
  project: dir,
  src: join(dir, 'src'),
  public: join(dir, 'public'),
});

describe('an output folder that would delete the content or the project, through links', () => {
  test('content linked into the output folder is refused', () => {
    const dir = newProject();
    mkdirSync(join(dir, 'dist'));
    cpSync(join(dir, 'content'), join(dir, 'dist', 'content'), { recursive: true });
    const linked = join(dir, 'linked-content');
    symlinkSync(join(dir, 'dist', 'content'), linked);
    expect(outputProblem(folders(dir, join(dir, 'dist'), linked))).toBe(
      `The output folder ${dir}/dist holds the content folder ${linked} (really ${realFolder(dir)}/dist/content); a build would delete the content.`,
    );
  });

  test('the output folder "." (the project) is refused, content elsewhere or not', () => {
    const dir = newProject();
    const elsewhere = join(tempDir('content'), 'content');
    expect(outputProblem(folders(dir, dir, elsewhere))).toContain(
      `The output folder ${dir} is the project folder ${dir}; a build would replace the project`,
    );
  });

  test('an output folder linked to the project, or to its src folder, is refused', () => {
    const dir = newProject();
    const out = join(tempDir('out'), 'site');
    symlinkSync(dir, out);
    expect(outputProblem(folders(dir, out))).toContain(`The output folder ${out} (really`);
    expect(outputProblem(folders(dir, out))).toContain(`is the project folder ${dir}`);
    expect(outputProblem(folders(dir, join(dir, 'src')))).toContain(
      `is the project's src folder ${dir}/src; a build would delete the site's own source files`,
    );
  });

  test('dist in the project, not there yet, is fine', () => {
    const dir = newProject();
    expect(outputProblem(folders(dir, join(dir, 'dist')))).toBeUndefined();
  });
});

describe('the integration refuses before Astro writes anything', () => {
  test('with the content linked into the output folder, it stops with the message and a hint', () => {
    const dir = newProject();
    mkdirSync(join(dir, 'dist'));
    cpSync(join(dir, 'content'), join(dir, 'dist', 'content'), { recursive: true });
    const linked = join(dir, 'linked-content');
    symlinkSync(join(dir, 'dist', 'content'), linked);
    const url = (path: string) => pathToFileURL(`${path}/`);
    const config = {
      root: url(dir),
      srcDir: url(join(dir, 'src')),
      publicDir: url(join(dir, 'public')),
      outDir: url(join(dir, 'dist')),
      base: '/',
    } as AstroConfig;
    const setup = statusmark({ content: 'linked-content' }).hooks['astro:config:setup']!;
    let stopped: unknown;
    try {
      // `astro sync` gets the error to show; `astro build` prints the same and exits 1.
      void setup({ config, command: 'sync' } as unknown as Parameters<typeof setup>[0]);
    } catch (error) {
      stopped = error;
    }
    expect(stopped).toBeInstanceOf(AstroError);
    expect((stopped as AstroError).message).toContain(
      `The output folder ${dir}/dist holds the content folder`,
    );
    expect((stopped as AstroError).hint).toContain('set STATUSMARK_OUT_DIR');
    expect(readdirSync(join(dir, 'dist', 'content'))).toContain('site.yaml');
  });
});

describe('the staging folder beside the output folder, and links at either', () => {
  test('a link at the staging folder is removed, the link itself, and what it pointed to is kept', () => {
    const dir = newProject();
    const elsewhere = tempDir('content2');
    writeFileSync(join(elsewhere, 'keep.md'), 'kept');
    symlinkSync(elsewhere, join(dir, '.dist.building'));
    expect(outputProblem(folders(dir, join(dir, 'dist')))).toBeUndefined();
    expect(existsSync(join(dir, '.dist.building'))).toBe(false);
    expect(readdirSync(elsewhere)).toEqual(['keep.md']);
  });

  test('an output folder that is a link is refused, naming it and where it points', () => {
    const dir = newProject();
    const target = tempDir('target');
    symlinkSync(target, join(dir, 'dist'));
    expect(outputProblem(folders(dir, join(dir, 'dist')))).toBe(
      `The output folder ${dir}/dist is a symbolic link (to ${realFolder(target)}); a build replaces the output folder whole, so it would replace the link rather than write where it points. Set the output folder to ${realFolder(target)} itself, or remove the link.`,
    );
  });

  test('a staging folder that is the content folder is refused', () => {
    const dir = newProject();
    const content = join(dir, '.dist.building');
    expect(outputProblem(folders(dir, join(dir, 'dist'), content))).toBe(
      `The build's staging folder (written beside the output folder, then swapped in) ${content} is the content folder ${content}; a build would delete the content.`,
    );
  });

  test.each([
    ['.git', "is the project's .git folder", "delete the project's history"],
    ['.git/site', "is inside the project's .git folder", "write into the project's .git folder"],
    ['node_modules', "is the project's node_modules folder", "delete the project's installed packages"],
  ])('an output folder at %s is refused', (out, relation, outcome) => {
    const dir = newProject();
    const problem = outputProblem(folders(dir, join(dir, out)));
    expect(problem).toContain(relation);
    expect(problem).toContain(`a build would ${outcome}`);
  });
});
