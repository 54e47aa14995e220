import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { UsageError } from './args.ts';
import { CommandError } from './files.ts';

/**
 * What the workflows `statusmark init` writes need from git and GitHub: land a content change on the
 * default branch (re-applied on the newest commit when someone else pushed first, so that two updates
 * posted at once both land), start the deploy, and talk back through `gh`. Every outside program is
 * run without a shell, so no input reaches one as code.
 */

export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** Where and with what a program runs: by default the current folder and this process's environment. */
export interface ProgramOptions {
  cwd?: string | undefined;
  /** The environment the command was given (also where PATH finds the program). */
  env?: NodeJS.ProcessEnv | undefined;
  input?: string | undefined;
}

export function runProgram(program: string, args: string[], options: ProgramOptions = {}): Ran {
  const result = spawnSync(program, args, {
    encoding: 'utf8',
    cwd: options.cwd,
    env: options.env,
    input: options.input,
  });
  if (result.error) throw new CommandError(`could not run ${program}: ${result.error.message}`);
  return { code: result.status ?? 1, out: result.stdout, err: result.stderr };
}

function git(where: ProgramOptions, ...args: string[]): string {
  const result = runProgram('git', args, where);
  if (result.code !== 0) throw new CommandError(`git ${args.join(' ')} failed: ${result.err.trim()}`);
  return result.out;
}

/** The only folders a change from outside a pull request may touch; postmortems and settings go through review. */
export const DIRECT_FOLDERS = ['content/incidents/', 'content/maintenance/'];

/** Who pressed the button or wrote the comment, as a commit trailer GitHub links to their profile. */
export function coAuthorTrailer(login: string, id: string | undefined): string {
  const email = id ? `${id}+${login}@users.noreply.github.com` : `${login}@users.noreply.github.com`;
  return `Co-authored-by: ${login} <${email}>`;
}

/**
 * The trailer naming the workflow run that made a commit. A re-run keeps its run id, so a re-run of a
 * run whose push landed finds its own commit (landedBefore) instead of posting a second time.
 */
export function runTrailer(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_RUN_ID: run, GITHUB_REPOSITORY: repository } = env;
  if (!run || !repository) return undefined;
  return `Statusmark-Run: ${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${repository}/actions/runs/${run}`;
}

/** The commit on the newest `branch` whose message has the line `trailer`, if one landed already. */
export function landedBefore(options: {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  branch: string;
  trailer: string;
}): { commit: string; subject: string } | undefined {
  const where = { cwd: options.cwd, env: options.env };
  git(where, 'fetch', '--quiet', 'origin', options.branch);
  const found = git(
    where,
    'log',
    '--max-count=1',
    // The whole line: run 12's trailer is no match for run 123's.
    `--grep=^${options.trailer.replace(/[.*[\]^$\\]/g, '\\$&')}$`,
    '--format=%H%x00%s',
    `origin/${options.branch}`,
  ).trim();
  if (!found) return undefined;
  const [commit = '', subject = ''] = found.split('\0');
  return { commit, subject };
}

export interface Landed<T> {
  /** What `apply` returned on the attempt that landed. */
  result: T;
  commit: string;
  attempts: number;
  /** Milliseconds spent applying, committing and pushing. */
  timings: { apply: number; push: number };
}

/**
 * Applies a change to a fresh copy of the branch, commits it with `message` and pushes; when the
 * push is refused because the branch moved, starts again from the new tip (up to `attempts` times),
 * so a second update posted at the same moment is applied after the first, never over it.
 */
export async function landChange<T>(options: {
  /** The checkout (default: the current folder) and the environment git runs with. */
  cwd?: string;
  env: NodeJS.ProcessEnv;
  branch: string;
  attempts?: number;
  apply: () => Promise<T>;
  message: (result: T) => string;
}): Promise<Landed<T>> {
  const { branch } = options;
  const where = { cwd: options.cwd, env: options.env };
  const attempts = options.attempts ?? 5;
  const timings = { apply: 0, push: 0 };
  for (let attempt = 1; ; attempt++) {
    git(where, 'fetch', '--quiet', 'origin', branch);
    git(where, 'reset', '--quiet', '--hard', `origin/${branch}`);
    git(where, 'clean', '--quiet', '-fd', 'content');
    let started = performance.now();
    const result = await options.apply();
    timings.apply += performance.now() - started;
    const changed = git(where, 'status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    if (changed.length === 0) throw new CommandError('nothing changed; there is nothing to publish');
    const outside = changed.filter((path) => !DIRECT_FOLDERS.some((folder) => path.startsWith(folder)));
    if (outside.length > 0)
      throw new CommandError(
        `refusing to publish without review: ${outside.join(', ')} lies outside ${DIRECT_FOLDERS.join(' and ')}`,
      );
    git(where, 'add', '--', ...changed);
    git(
      where,
      '-c',
      'user.name=github-actions[bot]',
      '-c',
      'user.email=41898282+github-actions[bot]@users.noreply.github.com',
      'commit',
      '--quiet',
      '-m',
      options.message(result),
    );
    started = performance.now();
    const push = runProgram('git', ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], where);
    timings.push += performance.now() - started;
    if (push.code === 0)
      return { result, commit: git(where, 'rev-parse', 'HEAD').trim(), attempts: attempt, timings };
    if (attempt >= attempts)
      throw new CommandError(`git push was refused ${attempts} times: ${push.err.trim()}`);
  }
}

/**
 * Starts the Deploy workflow. A push made with the workflow's own GITHUB_TOKEN starts no workflow
 * (GitHub's rule against loops); a workflow_dispatch is the exception, so the deploy is started
 * explicitly. A push with a GitHub App's or a person's token starts it by itself.
 */
export function dispatchDeploy(repository: string, branch: string, env: NodeJS.ProcessEnv): void {
  const ran = runProgram('gh', ['workflow', 'run', 'deploy.yml', '--repo', repository, '--ref', branch], {
    env,
  });
  if (ran.code !== 0)
    throw new CommandError(
      `starting the Deploy workflow failed (${ran.err.trim() || `gh exited with ${ran.code}`}); re-run this run to start it again, or run Deploy from the Actions tab`,
    );
}

/** An environment variable a workflow must set. */
export function requiredEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value)
    throw new UsageError(`${name} is not set; this command runs inside the workflows statusmark init writes`);
  return value;
}

/** Appends Markdown to the run's summary page (a no-op outside GitHub Actions). */
export function summary(env: NodeJS.ProcessEnv, markdown: string): void {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
}

/** A table of where the seconds went, for the run's summary: the workflow's own timings. */
export function timingTable(rows: [string, number][]): string {
  return [
    '| step | seconds |',
    '| --- | ---: |',
    ...rows.map(([step, ms]) => `| ${step} | ${(ms / 1000).toFixed(1)} |`),
  ].join('\n');
}
