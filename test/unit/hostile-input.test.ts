import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { parseInterval } from '../../src/cli/args.ts';
import { formatProblem } from '../../src/loader/problem.ts';
import { readContentTree } from '../../src/loader/read-tree.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { FIXTURE_NOW, validate } from '../helpers/tree.ts';

const INCIDENT = '2026-11-22-elevated-api-errors.md';
let root: string;

beforeEach(() => {
  root = join(tempDir('hostile'), 'content');
  cpSync('test/fixtures/site', root, { recursive: true });
});

/** The report `check` prints for the tree, one line per problem. */
const report = () =>
  validate(readContentTree(root))
    .problems.filter((p) => p.severity === 'error')
    .map(formatProblem);

describe('symbolic links', () => {
  test('site.yaml linked to a file outside the folder is refused, and the file is never quoted', async () => {
    const secret = join(root, '..', 'secret.yaml');
    writeFileSync(secret, 'name: TOKEN=hunter2-very-secret\n');
    rmSync(join(root, 'site.yaml'));
    symlinkSync(secret, join(root, 'site.yaml'));
    const lines = report();
    expect(lines).toEqual([
      expect.stringContaining('site.yaml  (file)  is a symbolic link to a file outside the content folder'),
    ]);
    const check = await runCli(['check', '--content', root], { STATUSMARK_NOW: FIXTURE_NOW });
    expect(check.code).toBe(1);
    expect(check.all).not.toContain('hunter2');
  });

  test('/proc/self/environ behind a link is not read', async () => {
    rmSync(join(root, 'components.yaml'));
    symlinkSync('/proc/self/environ', join(root, 'components.yaml'));
    const check = await runCli(['check', '--content', root], {
      STATUSMARK_NOW: FIXTURE_NOW,
      LEAK_CANARY: 'canary-7f3a',
    });
    expect(check.code).toBe(1);
    expect(check.all).toContain('components.yaml  (file)  is a symbolic link to a file outside');
    expect(check.all).not.toContain('canary-7f3a');
  });

  test('a linked folder inside incidents/ is not published', () => {
    const elsewhere = join(root, '..', 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, '2026-11-01-foreign.md'), readFileSync(join(root, 'incidents', INCIDENT)));
    symlinkSync(elsewhere, join(root, 'incidents', 'linked'));
    const tree = readContentTree(root);
    expect(tree.incidents.some((f) => f.file.includes('foreign'))).toBe(false);
    expect(report()).toEqual([expect.stringContaining('incidents/linked  (file)  is a symbolic link')]);
  });

  test('a link to a file inside the content folder is followed', () => {
    const moved = join(root, 'incidents', '_kept.md');
    cpSync(join(root, 'incidents', INCIDENT), moved);
    rmSync(join(root, 'incidents', INCIDENT));
    symlinkSync(moved, join(root, 'incidents', INCIDENT));
    expect(report()).toEqual([]);
  });
});

describe('characters that cannot be shown', () => {
  test.each([
    ['\u0008', 'U+0008, backspace'],
    ['\u0000', 'U+0000, NUL'],
    ['\u001b[31m', 'U+001B, escape'],
    ['\r', 'carriage return without a line feed'],
    ['\u0085', 'U+0085'],
  ])('a title with %j is refused with its line', (char, name) => {
    const path = join(root, 'incidents', INCIDENT);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(/^title: "?(.*?)"?$/m, `title: "API${char} errors"`));
    const line = text.split('\n').findIndex((l) => l.startsWith('title:')) + 1;
    expect(report()).toEqual([
      expect.stringMatching(
        new RegExp(
          `incidents/${INCIDENT}:${line}  \\(file\\)  has an invisible control character \\(.*${name.replace(/[()+]/g, '\\$&')}`,
        ),
      ),
    ]);
  });

  test('a control character written as a YAML escape is refused on its field', () => {
    const path = join(root, 'incidents', INCIDENT);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(/^title: .*$/m, 'title: "API\\b errors\\x1b[2J"'));
    const line = text.split('\n').findIndex((l) => l.startsWith('title:')) + 1;
    expect(report()).toEqual([
      expect.stringContaining(
        `:${line}  title  holds an invisible control character (U+0008, backspace) written as a YAML escape`,
      ),
    ]);
  });

  test('a file that is not UTF-8 is refused with the line', () => {
    const path = join(root, 'incidents', INCIDENT);
    const text = readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: "Caf\u00e9 down"');
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf(Buffer.from('\u00e9', 'utf8'));
    writeFileSync(path, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at + 2)]));
    const line = text.split('\n').findIndex((l) => l.startsWith('title:')) + 1;
    expect(report()).toEqual([
      expect.stringContaining(`line ${line} is not valid UTF-8; save the file as UTF-8`),
    ]);
  });
});

describe('files that cannot be content', () => {
  test('site.yaml that is a folder is named, with no stack trace', async () => {
    rmSync(join(root, 'site.yaml'));
    mkdirSync(join(root, 'site.yaml'));
    const check = await runCli(['check', '--content', root], { STATUSMARK_NOW: FIXTURE_NOW });
    expect(check.code).toBe(1);
    expect(check.all).toContain('site.yaml  (file)  is a folder, but must be a file');
    expect(check.all).not.toMatch(/EISDIR|\n\s+at .+:\d+:\d+/);
  });

  test.skipIf(process.getuid?.() === 0)('an unreadable file is named', () => {
    chmodSync(join(root, 'components.yaml'), 0o000);
    expect(report()).toEqual([
      expect.stringContaining('components.yaml  (file)  cannot be read (permission denied)'),
    ]);
  });

  test('a file over the size limit is refused before it is parsed', () => {
    const path = join(root, 'incidents', INCIDENT);
    writeFileSync(path, readFileSync(path, 'utf8') + 'x'.repeat(1_200_000));
    expect(report()).toEqual([expect.stringContaining('is 1.2 MB; a content file may be at most 1 MB')]);
  });

  test('a YAML alias bomb is an error on its line, not a crash', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ])
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    writeFileSync(join(root, 'incidents', '2026-11-01-bomb.md'), `---\ntitle: x\n${bomb.join('\n')}\n---\n`);
    expect(report()).toEqual([
      expect.stringMatching(/2026-11-01-bomb\.md:4 .* aliases \(\*name\) here expand to too much data/),
    ]);
  });

  test('update on a file whose front matter is a list is a message naming the file, not a crash', async () => {
    const path = join(root, 'incidents', INCIDENT);
    writeFileSync(path, '---\n- title: API errors\n---\n');
    const result = await runCli(
      ['update', INCIDENT.replace('.md', ''), '--status', 'identified', '--message', 'x', '--content', root],
      { STATUSMARK_NOW: FIXTURE_NOW },
    );
    expect(result.code).not.toBe(0);
    expect(result.all).toContain(`${INCIDENT}: the front matter must be fields`);
    expect(result.all).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  test('--next beyond a week is a usage error, not a RangeError', () => {
    expect(() => parseInterval('99999999999h')).toThrow(/more than a week/);
    expect(parseInterval('1h30m')).toBe(90 * 60_000);
  });
});
