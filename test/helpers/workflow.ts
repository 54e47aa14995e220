import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { inject } from 'vitest';
import { runCli } from './cli.ts';
import { tempDir } from './temp.ts';

/**
 * Runs a GitHub workflow's `run:` steps here, the way a runner would: in a fresh clone of the site's
 * repository (whose origin is a local bare repository), with the environment the workflow declares,
 * `${{ … }}` expressions filled in from the inputs and event GitHub would give, and a recording `gh`
 * in place of GitHub's API. Steps that only install (`id: install`) and `uses:` steps (checkout,
 * setup-node) are what the test set-up stands for.
 */

export interface Site {
  /** The site's repository as a team has it: made by `statusmark init`, pushed to `origin`. */
  origin: string;
  root: string;
  fakeBin: string;
  ghLog: string;
}

const REPO = resolve('.');

function sh(cwd: string, command: string, ...args: string[]): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** `statusmark init` into a repository with a bare origin, and a `gh` that records what it is asked. */
export async function initSite(components = 'api:Public API,web:Web app'): Promise<Site> {
  const root = tempDir('workflow');
  const site = join(root, 'site');
  const init = await runCli([
    'init',
    site,
    '--yes',
    '--name',
    'Acme',
    '--url',
    'https://status.acme.example',
    '--components',
    components,
  ]);
  if (init.code !== 0) throw new Error(init.all);
  const origin = join(root, 'origin.git');
  sh(root, 'git', 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  sh(site, 'git', 'init', '--quiet', '--initial-branch=main');
  sh(site, 'git', 'add', '-A');
  sh(
    site,
    'git',
    '-c',
    'user.name=Dev',
    '-c',
    'user.email=dev@example.com',
    'commit',
    '--quiet',
    '-m',
    'statusmark init',
  );
  sh(site, 'git', 'remote', 'add', 'origin', origin);
  sh(site, 'git', 'push', '--quiet', 'origin', 'main');
  const fakeBin = join(root, 'bin');
  mkdirSync(fakeBin);
  const ghLog = join(root, 'gh.log');
  writeFileSync(
    join(fakeBin, 'gh'),
    [
      '#!/usr/bin/env node',
      "const fs = require('fs');",
      'const args = process.argv.slice(2);',
      "const input = args.includes('-') ? fs.readFileSync(0, 'utf8') : '';",
      "fs.appendFileSync(process.env.FAKE_GH_LOG, JSON.stringify({ args, input }) + '\\n');",
      'const permission = /collaborators\\/([^/]+)\\/permission$/.exec(args[1] || "");',
      "if (args[0] === 'api' && permission) {",
      "  const map = JSON.parse(process.env.FAKE_GH_PERMISSIONS || '{}');",
      "  console.log(JSON.stringify({ permission: map[permission[1]] || 'none' }));",
      '}',
      // An issue's comments, one `[login, body]` per line as the --jq filter prints them: what
      // FAKE_GH_COMMENTS says others wrote, then what the bot answered on that issue (`issue comment`).
      'const comments = /issues\\/(\\d+)\\/comments/.exec(args[2] || "");',
      "if (args[0] === 'api' && comments) {",
      "  for (const [login, body] of JSON.parse(process.env.FAKE_GH_COMMENTS || '[]')) console.log(JSON.stringify([login, body]));",
      "  for (const line of fs.readFileSync(process.env.FAKE_GH_LOG, 'utf8').split('\\n').filter(Boolean)) {",
      '    const call = JSON.parse(line);',
      "    if (call.args[0] === 'issue' && call.args[1] === 'comment' && call.args[2] === comments[1])",
      "      console.log(JSON.stringify(['github-actions[bot]', call.input]));",
      '  }',
      '}',
      // FAKE_GH_FAIL names a command (`workflow run`) that fails, as gh does when GitHub refuses it.
      "if (process.env.FAKE_GH_FAIL && args.join(' ').startsWith(process.env.FAKE_GH_FAIL)) {",
      "  console.error('HTTP 500: Server Error');",
      '  process.exit(1);',
      '}',
    ].join('\n'),
  );
  chmodSync(join(fakeBin, 'gh'), 0o755);
  // `npx statusmark …` finds the installed command in node_modules/.bin, as npx does for an installed
  // package; npm's own npx takes seconds to start, and a workflow test runs it in every job.
  writeFileSync(
    join(fakeBin, 'npx'),
    '#!/bin/sh\ncommand="$1"; shift\nexec "./node_modules/.bin/$command" "$@"\n',
  );
  chmodSync(join(fakeBin, 'npx'), 0o755);
  return { origin, root, fakeBin, ghLog };
}

/** A fresh clone of origin's main with the package installed, as actions/checkout and npm install leave it. */
export function checkout(site: Site, name = 'runner'): string {
  const dir = join(site.root, name);
  sh(site.root, 'git', 'clone', '--quiet', site.origin, dir);
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(REPO, join(dir, 'node_modules', 'statusmark'));
  // The command from this repository's source, in one Node process: bundled once per run where the
  // run's setup did (test/setup/cli-bundle.ts; it starts in 50 ms where tsx's loader takes a second,
  // and every job starts it), else through tsx's loader. The package's own bin/statusmark.mjs starts
  // one more; test/cli/entry-point.test.ts and the packed-package test run that one.
  const bin = join(dir, 'node_modules', '.bin', 'statusmark');
  const bundle = inject('cliBundle');
  const command = bundle
    ? `"${process.execPath}" "${bundle}"`
    : `"${process.execPath}" --import "${join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')}" "${join(REPO, 'src', 'cli', 'main.ts')}"`;
  writeFileSync(bin, `#!/bin/sh\nexec ${command} "$@"\n`);
  chmodSync(bin, 0o755);
  return dir;
}

export interface Context {
  inputs?: Record<string, string>;
  event_name: string;
  event: Record<string, unknown>;
  actor: string;
  actor_id: string;
  secrets?: Record<string, string>;
  /** The repository's variables (`vars.NAME`). */
  vars?: Record<string, string>;
  /** GitHub's id of the run; a re-run keeps it. Default: a new one for every job. */
  run_id?: string;
}

let runs = 0;

/**
 * `${{ a.b }}`, `${{ a || b }}`, `${{ a != '' || b != '' }}` and `${{ toJSON(a) }}`: the expressions the site's workflows
 * use, with GitHub's rules (`||` yields its first truthy operand; a missing value is empty).
 */
export function evaluate(text: string, context: Record<string, unknown>): string {
  const lookup = (path: string): unknown => {
    const literal = /^'(.*)'$/.exec(path);
    if (literal) return literal[1];
    return path
      .split('.')
      .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], context);
  };
  const operand = (part: string): unknown => {
    const json = /^toJSON\((.+)\)$/.exec(part);
    if (json) return JSON.stringify(lookup(json[1]!.trim()) ?? null);
    const compare = /^(.+?)\s*!=\s*(.+)$/.exec(part);
    return compare ? (lookup(compare[1]!.trim()) ?? '') !== (lookup(compare[2]!.trim()) ?? '') : lookup(part);
  };
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    let value: unknown;
    for (const part of expression.split('||').map((p) => p.trim())) {
      value = operand(part);
      if (typeof value === 'string' || typeof value === 'number') {
        if (value !== '') return String(value);
      } else if (value === true) return 'true';
    }
    return value === false ? 'false' : '';
  });
}

/**
 * A job's `if:`, with GitHub's rules for what the site's workflows use: `==`/`!=` (strings without
 * regard to case), `!`, `&&`, `||`, parentheses, 'literals', `a.b.*.c` paths, and contains,
 * startsWith and fromJSON. Anything else fails the test rather than being guessed.
 */
function condition(expression: string, context: Record<string, unknown>): boolean {
  const tokens =
    expression.match(
      /'(?:[^']|'')*'|&&|\|\||==|!=|!|\(|\)|,|[A-Za-z_][\w-]*(?:\.(?:\*|[A-Za-z_][\w-]*))*|\S/g,
    ) ?? [];
  let at = 0;
  const take = (expected?: string): string => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected))
      throw new Error(`"${expression}": expected ${expected ?? 'more'} at token ${at}, found ${token}`);
    return token;
  };
  const lookup = (path: string): unknown =>
    path.split('.').reduce<unknown>((value, key) => {
      if (key === '*') return Array.isArray(value) ? (value as unknown[]) : [];
      if (Array.isArray(value)) return value.map((item) => (item as Record<string, unknown>)?.[key]);
      return (value as Record<string, unknown> | undefined)?.[key];
    }, context);
  const text = (value: unknown) =>
    (typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value)).toLowerCase();
  const same = (a: unknown, b: unknown) =>
    typeof a === 'string' && typeof b === 'string' ? text(a) === text(b) : a === b;
  const functions: Record<string, (...args: unknown[]) => unknown> = {
    contains: (haystack, needle) =>
      Array.isArray(haystack)
        ? haystack.some((item) => same(item, needle))
        : text(haystack).includes(text(needle)),
    startsWith: (value, start) => text(value).startsWith(text(start)),
    fromJSON: (value) => JSON.parse(String(value)) as unknown,
  };
  const primary = (): unknown => {
    const token = take();
    if (token === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token === '!') return !truthy(primary());
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (tokens[at] !== '(') return lookup(token);
    const fn = functions[token];
    if (!fn) throw new Error(`"${expression}": ${token}() is not known to this test`);
    take('(');
    const args = [or()];
    while (tokens[at] === ',') {
      take();
      args.push(or());
    }
    take(')');
    return fn(...args);
  };
  const compare = (): unknown => {
    const left = primary();
    if (tokens[at] !== '==' && tokens[at] !== '!=') return left;
    const equal = take() === '==';
    return same(left, primary()) === equal;
  };
  const and = (): unknown => {
    let value = compare();
    while (tokens[at] === '&&') {
      take();
      const right = compare();
      if (truthy(value)) value = right;
    }
    return value;
  };
  const or = (): unknown => {
    let value = and();
    while (tokens[at] === '||') {
      take();
      const right = and();
      if (!truthy(value)) value = right;
    }
    return value;
  };
  const result = or();
  if (at !== tokens.length) throw new Error(`"${expression}": unexpected ${tokens[at]}`);
  return truthy(result);
}

const truthy = (value: unknown) => value !== false && value !== 0 && value !== '' && value != null;

export interface StepRun {
  name: string;
  code: number | null;
  out: string;
  err: string;
}

/** Runs the `run:` steps of a workflow's job in `dir`, in order, stopping at the first that fails. */
export async function runJob(
  site: Site,
  dir: string,
  workflow: string,
  job: string,
  context: Context,
  extraEnv: Record<string, string> = {},
  /** Folders searched for programs before the fake `gh`'s, such as one with a wrapped `git`. */
  pathPrefix: string[] = [],
): Promise<{ steps: StepRun[]; summary: string; skipped?: boolean }> {
  const file = join(dir, '.github', 'workflows', workflow);
  const parsed = parse(readFileSync(file, 'utf8')) as {
    jobs: Record<
      string,
      {
        if?: string;
        env?: Record<string, string>;
        steps: { id?: string; name?: string; run?: string; env?: Record<string, string> }[];
      }
    >;
  };
  const definition = parsed.jobs[job]!;
  const runId = context.run_id ?? `${process.pid}${++runs}`;
  const eventPath = join(site.root, `event-${Date.now()}-${Math.random()}.json`);
  writeFileSync(eventPath, JSON.stringify(context.event));
  const summaryPath = join(site.root, `summary-${Date.now()}-${Math.random()}.md`);
  const expressionContext = {
    inputs: context.inputs ?? {},
    secrets: context.secrets ?? {},
    vars: context.vars ?? {},
    github: {
      actor: context.actor,
      actor_id: context.actor_id,
      token: 'ghs_test_token',
      event_name: context.event_name,
      event: context.event,
      repository: 'acme/status',
      run_id: runId,
    },
  };
  // GitHub starts no runner for a job whose `if:` is false.
  if (
    definition.if !== undefined &&
    !condition(definition.if.replace(/^\$\{\{|\}\}$/g, ''), expressionContext)
  )
    return { steps: [], summary: '', skipped: true };
  const steps: StepRun[] = [];
  for (const step of definition.steps) {
    if (!step.run || step.id === 'install') continue;
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...definition.env, ...step.env }))
      env[name] = evaluate(String(value), expressionContext);
    const inherited = { ...process.env };
    delete inherited.STATUSMARK_NOW;
    delete inherited.STATUSMARK_CONTENT;
    const result = await new Promise<StepRun>((done) => {
      const child = spawn('bash', ['-e', '-c', step.run!], {
        cwd: dir,
        env: {
          ...inherited,
          ...extraEnv,
          ...env,
          PATH: [...pathPrefix, site.fakeBin, process.env.PATH ?? ''].join(':'),
          GITHUB_ACTIONS: 'true',
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_EVENT_NAME: context.event_name,
          GITHUB_REPOSITORY: 'acme/status',
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_RUN_ID: runId,
          GITHUB_ACTOR: context.actor,
          GITHUB_STEP_SUMMARY: summaryPath,
          FAKE_GH_LOG: site.ghLog,
        },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => done({ name: step.name ?? step.run!, code, out, err }));
    });
    steps.push(result);
    if (result.code !== 0) break;
  }
  return { steps, summary: existsSync(summaryPath) ? readFileSync(summaryPath, 'utf8') : '' };
}

/** What the fake `gh` was asked, in order. */
export function ghCalls(site: Site): { args: string[]; input: string }[] {
  if (!existsSync(site.ghLog)) return [];
  return readFileSync(site.ghLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { args: string[]; input: string });
}

/** origin's main: its commit subjects and bodies, newest first, and a file's text there. */
export function originLog(site: Site): string[] {
  return sh(site.origin, 'git', 'log', '--format=%B%x00', 'main')
    .split('\0')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export function originFile(site: Site, path: string, branch = 'main'): string {
  return sh(site.origin, 'git', 'show', `${branch}:${path}`);
}

export function originFiles(site: Site, folder: string): string[] {
  return sh(site.origin, 'git', 'ls-tree', '--name-only', 'main', `${folder}/`)
    .split('\n')
    .filter(Boolean)
    .map((path) => path.slice(folder.length + 1));
}

/** The clock of every post in the workflow tests: a fixed time, so that ids, times and messages can be asserted. */
export const NOW = { STATUSMARK_NOW: '2026-11-24T02:00:00Z' };
export const at = (time: string) => ({ STATUSMARK_NOW: time });

/** Git in a folder, failing loudly. */
export function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
}

/** What GitHub gives the "Post a status update" workflow when someone runs it with these inputs. */
export const dispatch = (inputs: Record<string, string>, actor = 'alice'): Context => ({
  inputs: { action: 'update', status: 'identified', severity: 'P2', ...inputs },
  event_name: 'workflow_dispatch',
  event: { repository: { default_branch: 'main' }, inputs },
  actor,
  actor_id: '1001',
});

/** Runs the "Post a status update" workflow in a fresh runner. */
export const post = (site: Site, inputs: Record<string, string>, env = NOW, name = 'runner') =>
  runJob(site, checkout(site, name), 'post-status.yml', 'post', dispatch(inputs), env);

/** An incident's front matter on origin's main. */
export const incidentOnMain = (site: Site, id: string) =>
  parse(originFile(site, `content/incidents/${id}.md`).split(/^---$/m)[1]!, { schema: 'core' }) as {
    title: string;
    components: { id: string; impact: string; from?: string }[];
    updates: { at: string; status: string; message: string; next_update?: string }[];
    resolved?: string;
  };
