import { basename } from 'node:path';
import { readContentTree } from '../../loader/read-tree.ts';
import { resolveSettings } from '../../loader/settings.ts';
import { validateContent } from '../../loader/validate.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import type { Command, CommandIo } from '../command.ts';
import { commandContext, type CommandContext } from '../context.ts';
import { CommandError } from '../files.ts';
import { isResolved } from '../../domain/statuses.ts';
import {
  coAuthorTrailer,
  dispatchDeploy,
  landChange,
  landedBefore,
  requiredEnv,
  runTrailer,
  summary,
  timingTable,
} from '../github.ts';

/**
 * `statusmark post`: what the "Post a status update" workflow runs. It reads the inputs a person
 * gave on the GitHub website or app (as INPUT_* variables, never spliced into a shell), runs the same
 * command as the terminal would, and lands the change on the default branch with the person as
 * co-author, then starts the deploy.
 */

const HELP = `statusmark post

Run by the "Post a status update" workflow that statusmark init writes: reads the inputs given on
the GitHub website or app (INPUT_ACTION = new incident | update | resolve, INPUT_INCIDENT,
INPUT_STATUS, INPUT_MESSAGE, INPUT_NEXT, INPUT_COMPONENTS, INPUT_TITLE, INPUT_SEVERITY,
INPUT_TEMPLATE), runs that command, commits the change to BRANCH with ACTOR as co-author, pushes it
(again on the new tip when the branch moved), and starts the Deploy workflow with gh. A re-run of a
workflow run (same GITHUB_RUN_ID) finds the commit it made and posts nothing twice.
`;

export const command: Command = {
  name: 'post',
  help: HELP,
  run: async ({ env, io }) => post(env, io),
};

export type Action = 'new incident' | 'update' | 'resolve' | 'publish';
const ACTIONS: Action[] = ['new incident', 'update', 'resolve', 'publish'];

export interface PostInput {
  action: Action;
  incident?: string | undefined;
  title?: string | undefined;
  severity?: string | undefined;
  status?: string | undefined;
  message?: string | undefined;
  next?: string | undefined;
  components?: string | undefined;
  template?: string | undefined;
}

const input = (env: NodeJS.ProcessEnv, name: string) => env[`INPUT_${name}`]?.trim() || undefined;

export function postInput(env: NodeJS.ProcessEnv): PostInput {
  const action = input(env, 'ACTION') as Action | undefined;
  if (!action || !ACTIONS.includes(action))
    throw new UsageError(`INPUT_ACTION must be one of ${ACTIONS.join(', ')}, got "${action ?? ''}"`);
  return {
    action,
    incident: input(env, 'INCIDENT'),
    title: input(env, 'TITLE'),
    severity: input(env, 'SEVERITY'),
    status: input(env, 'STATUS'),
    message: input(env, 'MESSAGE'),
    next: input(env, 'NEXT'),
    components: input(env, 'COMPONENTS'),
    template: input(env, 'TEMPLATE'),
  };
}

/** "api:major_outage, web" → repeatable --component values. */
export function componentFlags(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The incident an update is for: the one named, else the only open one; several open is a question back. */
export function chooseIncident(root: string, named: string | undefined, now: number): string {
  if (named) return named.replace(/\.md$/, '').replace(/^.*\//, '');
  const result = validateContent(readContentTree(root), { realNow: now });
  const open = (result.content?.incidents ?? []).filter((incident) => !isResolved(incident));
  if (open.length === 1) return open[0]!.id;
  if (open.length === 0)
    throw new UsageError('there is no open incident; choose "new incident", or give the incident id');
  throw new UsageError(
    `${open.length} incidents are open; give the incident id, one of:\n${open.map((i) => `  ${i.id}  (${i.title})`).join('\n')}`,
  );
}

/** The command line the inputs stand for, as the terminal would run it. */
export function postArgs(post: PostInput, root: string, now: number): { command: Action; args: ParsedArgs } {
  const flags = new Map<string, string[]>();
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) flags.set(name, [value]);
  };
  flags.set('content', [root]);
  set('message', post.message);
  set('template', post.template);
  const components = componentFlags(post.components);
  if (post.action === 'new incident') {
    set('severity', post.severity);
    set('next', post.next);
    if (components.length > 0) flags.set('component', components);
    return { command: post.action, args: { positionals: post.title ? [post.title] : [], flags } };
  }
  // A draft is never chosen for a person: publishing names it (drafts are not open incidents).
  if (post.action === 'publish' && !post.incident)
    throw new UsageError('publish needs the id of the draft incident, as its alert issue names it');
  const id = chooseIncident(root, post.incident, now);
  if (post.action === 'update') {
    set('status', post.status);
    set('next', post.next);
    if (components.length > 0) flags.set('component', components);
  }
  return { command: post.action, args: { positionals: [id], flags } };
}

async function runCommand(command: Action, args: ParsedArgs, ctx: CommandContext): Promise<string> {
  if (command === 'new incident') return (await import('./new-incident.ts')).newIncident(args, ctx);
  if (command === 'update') return (await import('./update.ts')).update(args, ctx);
  if (command === 'publish') return (await import('./publish-draft.ts')).publishDraft(args, ctx);
  return (await import('./resolve.ts')).resolve(args, ctx);
}

/** The incident a command wrote, from its first line ("Wrote …/<id>.md", "Posted … to …/<id>.md"). */
function writtenId(output: string): string {
  const path = /(\S+\.md)\b/.exec(output)?.[1];
  if (!path) throw new CommandError(`could not tell which file was written from: ${output}`);
  return basename(path, '.md');
}

export interface Published {
  id: string;
  output: string;
  url: string | undefined;
  commit: string;
  attempts: number;
  /** An earlier attempt of this workflow run landed it: nothing was posted again. */
  repeated: boolean;
  timings: [string, number][];
}

/**
 * The change landed, then a later step failed (the issue's link, starting the deploy). What was
 * published is said, never "nothing was published"; a re-run of the run finishes the job.
 */
export class UnfinishedPublish extends CommandError {
  constructor(
    readonly published: Published,
    branch: string,
    problem: string,
  ) {
    super(
      `${published.id} is published (commit ${published.commit.slice(0, 7)} on ${branch}), but ${problem}`,
    );
  }
}

const VERBS: Record<Action, string> = {
  'new incident': 'Open incident',
  update: 'Update incident',
  resolve: 'Resolve incident',
  publish: 'Publish incident',
};

/** The commit's message: what was done to which incident, by whom, and which run did it. */
function commitMessage(options: PublishOptions, id: string, trailer: string | undefined): string {
  const status =
    options.command === 'update' ? ` (${options.args.flags.get('status')?.[0] ?? 'templated'})` : '';
  return [
    `${VERBS[options.command]} ${id}${status}`,
    '',
    `Posted ${options.via} by @${options.by.login}.`,
    '',
    coAuthorTrailer(options.by.login, options.by.id),
    ...(trailer ? [trailer] : []),
  ].join('\n');
}

/** The incident an earlier attempt's commit is about, from its subject ("Open incident <id>"). */
function repeatedId(subject: string): string {
  const id = new RegExp(`^(?:${Object.values(VERBS).join('|')}) (\\S+)`).exec(subject)?.[1];
  if (!id)
    throw new CommandError(`an earlier attempt of this run landed "${subject}", which names no incident`);
  return id;
}

interface PublishOptions {
  command: Action;
  args: ParsedArgs;
  env: NodeJS.ProcessEnv;
  /** The clock, read on each attempt, and the terminal a missing value would be asked on. */
  io: CommandIo;
  by: { login: string; id?: string | undefined };
  via: string;
  /** Runs once the change is on the branch, before the deploy is started (the issue's link). */
  onLanded?: ((published: Published) => void) | undefined;
}

/**
 * Runs one posting command on a fresh copy of the branch and lands it, then starts the deploy. Used
 * by `post` and by the issue-comment commands; `by` names the person, `via` where they posted from.
 * A re-run of a workflow run whose change landed posts nothing again: it finishes what is left.
 */
export async function publish(options: PublishOptions): Promise<Published> {
  const { env, io } = options;
  const branch = requiredEnv(env, 'BRANCH');
  const repository = requiredEnv(env, 'GITHUB_REPOSITORY');
  const trailer = runTrailer(env);
  const earlier = trailer ? landedBefore({ env, branch, trailer }) : undefined;
  let ctx: CommandContext | undefined;
  const landed = earlier
    ? {
        result: {
          id: repeatedId(earlier.subject),
          output: `An earlier attempt of this run published it (${earlier.commit.slice(0, 7)}: ${earlier.subject}); nothing was posted again.`,
        },
        commit: earlier.commit,
        attempts: 0,
        timings: { apply: 0, push: 0 },
      }
    : await landChange({
        env,
        branch,
        apply: async () => {
          ctx = commandContext(options.args, env, io.now(), io);
          const output = await runCommand(options.command, options.args, ctx);
          return { output, id: writtenId(output) };
        },
        message: ({ id }) => commitMessage(options, id, trailer),
      });
  ctx ??= commandContext(options.args, env, io.now(), io);
  const published: Published = {
    id: landed.result.id,
    output: landed.result.output,
    url: ctx.incidentUrl(landed.result.id),
    commit: landed.commit,
    attempts: landed.attempts,
    repeated: earlier !== undefined,
    timings: [
      ['run the command and validate', landed.timings.apply],
      ['push to the default branch', landed.timings.push],
    ],
  };
  const started = performance.now();
  try {
    options.onLanded?.(published);
    if (env.PUSH_TRIGGERS_DEPLOY !== 'true') dispatchDeploy(repository, branch, env);
  } catch (error) {
    throw new UnfinishedPublish(published, branch, error instanceof Error ? error.message : String(error));
  }
  published.timings.push(['start the deploy', performance.now() - started]);
  return published;
}

/** The run's summary once the change landed: what was published, where, and what is left to do. */
function publishedSummary(command: Action, published: Published, problem?: string): string {
  const done = { 'new incident': 'Opened', update: 'Updated', resolve: 'Resolved', publish: 'Published' }[
    command
  ];
  return [
    `### ${done} ${published.id}${problem ? ', but it is not live yet' : ''}`,
    '',
    published.repeated ? `${published.output}\n` : '',
    problem
      ? `**Not live yet:** ${problem}.`
      : published.url
        ? `The page will be at ${published.url} when the deploy finishes.`
        : '',
    '',
    timingTable(published.timings),
    '',
    `Commit ${published.commit.slice(0, 7)}${published.attempts > 1 ? ` (landed on attempt ${published.attempts}: the branch had moved)` : ''}.`,
  ].join('\n');
}

export async function post(env: NodeJS.ProcessEnv, io: CommandIo): Promise<string> {
  const settings = resolveSettings({}, env, '');
  let published: Published;
  let command: Action | undefined;
  try {
    const request = postArgs(postInput(env), settings.contentDir, io.now());
    command = request.command;
    published = await publish({
      command,
      args: request.args,
      env,
      io,
      by: { login: requiredEnv(env, 'ACTOR'), id: env.ACTOR_ID },
      via: 'with the "Post a status update" workflow',
    });
  } catch (error) {
    // The run's page says why, where the person who pressed the button looks.
    if (error instanceof UnfinishedPublish && command)
      summary(env, publishedSummary(command, error.published, error.message));
    else if (error instanceof UsageError || error instanceof CommandError)
      summary(env, ['### Nothing was published', '', '```', error.message, '```'].join('\n'));
    throw error;
  }
  summary(env, publishedSummary(command, published));
  return `${published.output}\nLanded as ${published.commit.slice(0, 7)} on ${env.BRANCH}; the deploy has started.`;
}
