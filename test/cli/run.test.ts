import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { COMMANDS, run, type CliIo } from '../../src/cli/run.ts';
import { tempDir } from '../helpers/temp.ts';

/** `statusmark <argv>` in this process, with only the given environment. */
async function statusmark(argv: string[], env: NodeJS.ProcessEnv = {}, now?: () => number) {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (text) => (out += text), stderr: (text) => (err += text) };
  if (now) io.now = now;
  const code = await run(argv, env, io);
  return { code, out, err };
}

function siteCopy(): string {
  const root = tempDir('run');
  cpSync('test/fixtures/site', root, { recursive: true });
  return root;
}

describe('run(), the command line in-process', () => {
  test('--help lists the commands on stdout and exits 0', async () => {
    const { code, out, err } = await statusmark(['--help']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('statusmark new incident "<title>"');
    expect(out).toContain('statusmark import statuspage|cstate');
  });

  test('an unknown command is named on stderr, with the command list, and exits 2', async () => {
    const { code, out, err } = await statusmark(['frobnicate']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^Unknown command "frobnicate"\.\n\nstatusmark — /);
  });

  test('a mistyped command is answered with the nearest one, on one line', async () => {
    expect(await statusmark(['resolv', '2026-11-22-x'])).toEqual({
      code: 2,
      out: '',
      err: 'Unknown command "resolv"; did you mean "statusmark resolve"?\n',
    });
    const twoWords = await statusmark(['new', 'incidnet', 'X']);
    expect(twoWords.err).toBe('Unknown command "new incidnet"; did you mean "statusmark new incident"?\n');
  });

  test('a mistyped incident id is answered with the nearest id', async () => {
    const root = siteCopy();
    const { code, err } = await statusmark(['update', '2026-11-22-elevated-api-eror', '--content', root]);
    expect(code).toBe(1);
    expect(err).toBe(
      `No incident "2026-11-22-elevated-api-eror" in ${join(root, 'incidents')}; did you mean 2026-11-22-elevated-api-errors?\n`,
    );
  });

  test("a usage error names the switch, with the command's help when a value is missing, exit 2, no stack trace", async () => {
    const { code, err } = await statusmark(['check', '--format', 'xml', '--content', 'test/fixtures/site']);
    expect(code).toBe(2);
    expect(err).toBe('--format must be text, json or github, got "xml"\nSee "statusmark check --help".\n');
    expect(err).not.toContain('    at ');
    const missing = await statusmark(['update', 'some-id', '--next']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^--next needs a value\n\nstatusmark update /);
  });

  test('a command error is its message alone on stderr, exit 1', async () => {
    const root = siteCopy();
    const { code, err } = await statusmark(['new', 'postmortem', 'no-such-incident', '--content', root]);
    expect(code).toBe(1);
    expect(err).toBe(
      `No incident "no-such-incident" in ${join(root, 'incidents')}; the open incidents are 2026-11-22-elevated-api-errors, 2026-11-22-payouts-api-timeouts-draft (a draft)\n`,
    );
  });

  test('check on the fixture site exits 0', async () => {
    const { code, out } = await statusmark(['check', '--content', 'test/fixtures/site']);
    expect(code).toBe(0);
    expect(out).toMatch(/^✓ Content is valid: /);
  });

  test('the environment comes from the argument, not from process.env', async () => {
    expect(process.env.STATUSMARK_NOW).toBeUndefined();
    expect(process.env.STATUSMARK_CONTENT).toBeUndefined();
    const { code, out } = await statusmark(['status'], {
      STATUSMARK_NOW: '2026-11-23T02:00:00Z',
      STATUSMARK_CONTENT: 'test/fixtures/site',
    });
    expect(out).toMatch(/^Kestrel status at Nov 23, 2026, 02:00 UTC \(STATUSMARK_NOW\)\n/);
    expect(code).toBe(out.includes('OVERDUE') ? 3 : 0);
  });

  test('io.now is "now" when neither STATUSMARK_NOW nor --at is given; STATUSMARK_NOW wins over it', async () => {
    const root = siteCopy();
    const now = () => Date.parse('2026-11-24T09:00:00Z');
    const open = (title: string, env: NodeJS.ProcessEnv = {}) =>
      statusmark(
        [
          'new',
          'incident',
          title,
          '--severity',
          'P3',
          '--component',
          'api:partial_outage',
          '--content',
          root,
        ],
        env,
        now,
      );
    expect((await open('Slow search')).code).toBe(0);
    expect((await open('Slow login', { STATUSMARK_NOW: '2026-11-23T02:00:00Z' })).code).toBe(0);
    const written = readdirSync(join(root, 'incidents'));
    expect(written).toContain('2026-11-24-slow-search.md');
    expect(written).toContain('2026-11-23-slow-login.md');
  });

  test('without a terminal, a missing value is a usage error, never a question', async () => {
    const root = siteCopy();
    const { code, out, err } = await statusmark(['new', 'incident', '--content', root]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^missing <title>; for example "Elevated API error rates"\n/);
  });

  test('every command in the list declares the name it is listed under, its help and its switches', async () => {
    for (const [name, load] of Object.entries(COMMANDS)) {
      const { command } = await load();
      expect(command.name).toBe(name);
      expect(command.help).toMatch(new RegExp(`^statusmark ${name}\\b`));
    }
  });
});
