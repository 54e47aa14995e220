import { readFileSync } from 'node:fs';
import { resolveSettings } from '../../loader/settings.ts';
import { INCIDENT_STATUSES } from '../../schemas/vocabulary.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import { CommandError } from '../files.ts';
import { dispatchDeploy, requiredEnv, runProgram, summary, timingTable } from '../github.ts';
import type { Command, CommandIo } from '../command.ts';
import { componentFlags, publish, UnfinishedPublish, type Action, type Published } from './post.ts';

/**
 * `statusmark chatops`: what the "Status from issues" workflow runs on an issue event. An issue
 * opened with the Incident form opens the incident; on that issue, `/status <status> <message>
 * [next 30m]` posts an update and `/resolve [message]` resolves it (and closes the issue). Only people
 * with write access drive it; the bot answers every command, with the page's address or the error.
 */

const HELP = `statusmark chatops

Run by the "Status from issues" workflow: an issue opened with the Incident form opens the incident;
on it, "/status identified <message> next 30m" posts an update and "/resolve [message]" resolves it
and closes the issue. Only people with write access; the bot answers each command on the issue.
A command acts on the incident named in the bot's own comment on an issue labelled "incident"; the
bot is github-actions[bot], or BOT_LOGIN when the workflow answers with another token.
Reads GITHUB_EVENT_PATH, GITHUB_EVENT_NAME, GITHUB_REPOSITORY and BRANCH; talks to GitHub with gh.
`;

export const command: Command = {
  name: 'chatops',
  help: HELP,
  run: async ({ env, io }) => chatops(env, io),
};

/** The label the Incident issue form sets, and the marker the bot leaves in its first answer. */
export const INCIDENT_LABEL = 'incident';
const MARKER = /^<!-- statusmark-incident: ([a-z0-9-]+) -->$/m;
/** The bot's own first answer before 0.6, which carried no marker: it links the issues opened then. */
const OPENED_BEFORE_0_6 = /^Opened incident `([a-z0-9-]+)`\./;
const marker = (id: string) => `<!-- statusmark-incident: ${id} -->`;
/** Who answers on issues: the workflow's GITHUB_TOKEN comments as this login. */
const DEFAULT_BOT = 'github-actions[bot]';

/** The questions of the Incident issue form, by the heading GitHub renders each answer under. */
export const FORM_FIELDS = {
  severity: 'Severity',
  components: 'Affected components',
  message: 'First update for readers',
  next: 'Next update in',
  template: 'Template',
} as const;

interface GitHubEvent {
  action?: string;
  issue?: {
    number: number;
    title: string;
    body?: string | null;
    labels?: { name: string }[];
    pull_request?: unknown;
  };
  comment?: { body: string; user: { login: string; id: number } };
  sender?: { login: string; id: number };
}

/** An issue form's answers: "### Question\n\nanswer" blocks; "_No response_" is no answer. */
export function formAnswers(body: string): Map<string, string> {
  const answers = new Map<string, string>();
  for (const block of body.split(/^### /m).slice(1)) {
    const [heading = '', ...rest] = block.split('\n');
    const value = rest.join('\n').trim();
    if (value && value !== '_No response_' && value !== 'None') answers.set(heading.trim(), value);
  }
  return answers;
}

export type Chat =
  | { kind: 'status'; status: string; message: string; next?: string | undefined }
  | { kind: 'resolve'; message?: string | undefined }
  | { kind: 'publish' };

export const COMMAND_HELP = [
  '`/status <investigating|identified|monitoring|update> <message for readers> [next 30m]` posts an update ("update" keeps the status);',
  '`/resolve [message]` resolves the incident and closes this issue.',
].join('\n');

/** A comment's command, or undefined for an ordinary comment; a malformed command is a UsageError. */
export function parseChat(body: string): Chat | undefined {
  const text = body.trim();
  const match = /^\/(status|resolve|publish)\b\s*([\s\S]*)$/i.exec(text);
  if (!match) return undefined;
  const rest = match[2]!.trim();
  if (match[1]!.toLowerCase() === 'resolve') return { kind: 'resolve', message: rest || undefined };
  // A draft proposed from an alert (docs/alerts.md): posted as it is, with its first update now.
  if (match[1]!.toLowerCase() === 'publish') return { kind: 'publish' };
  const [status = '', ...words] = rest.split(/[ \t]+/);
  // "update": a post that keeps the incident's status (Statuspage's "Update").
  const open = [...INCIDENT_STATUSES.filter((s) => s !== 'resolved'), 'update'];
  if (!open.includes(status.toLowerCase()))
    throw new UsageError(`"${status}" is not a status; use ${open.join(', ')} (or /resolve)`);
  let message = words.join(' ').trim();
  const next = /(?:^|\s)next\s+(\d+h\d+m|\d+h|\d+m)\.?\s*$/i.exec(message);
  if (next) message = message.slice(0, next.index).trim();
  if (!message) throw new UsageError('the update needs a message for readers after the status');
  return { kind: 'status', status: status.toLowerCase(), message, next: next?.[1] };
}

/** gh with the command's environment (its token, its PATH); a failure is a CommandError. */
function gh(env: NodeJS.ProcessEnv, args: string[], input?: string): string {
  const ran = runProgram('gh', args, { env, input });
  if (ran.code !== 0) throw new CommandError(`gh ${args.slice(0, 2).join(' ')} failed: ${ran.err.trim()}`);
  return ran.out;
}

/** admin, maintain and write may post; triage, read and none may not. */
export function canWrite(repository: string, login: string, env: NodeJS.ProcessEnv): boolean {
  const answer = JSON.parse(gh(env, ['api', `repos/${repository}/collaborators/${login}/permission`])) as {
    permission?: string;
  };
  return ['admin', 'maintain', 'write'].includes(answer.permission ?? 'none');
}

/** What a failed command tells the person: the message, with check's problems quoted as they are. */
function failure(error: unknown): string {
  if (!(error instanceof UsageError || error instanceof CommandError)) throw error;
  return ['Nothing was published:', '', '```', error.message, '```', '', COMMAND_HELP].join('\n');
}

type Person = { login: string; id: number };

/**
 * The incident this issue is linked to: the marker in a comment the bot wrote itself, on an issue
 * with the Incident label. An issue's body is its author's to write, and so are other comments: a
 * marker there links nothing.
 */
function linkedIncident(thread: Thread): string | undefined {
  const { issue, env, repository } = thread;
  if (!(issue.labels ?? []).some((label) => label.name === INCIDENT_LABEL)) return undefined;
  const bot = env.BOT_LOGIN || DEFAULT_BOT;
  const comments = gh(env, [
    'api',
    '--paginate',
    `repos/${repository}/issues/${issue.number}/comments?per_page=100`,
    '--jq',
    '.[] | [.user.login, .body] | @json',
  ]);
  for (const line of comments.split('\n').filter(Boolean)) {
    const [login, body] = JSON.parse(line) as [string, string | null];
    const id =
      login === bot ? (MARKER.exec(body ?? '') ?? OPENED_BEFORE_0_6.exec(body ?? ''))?.[1] : undefined;
    if (id) return id;
  }
  return undefined;
}

/** The issue an event is about, and how to talk on it. */
interface Thread {
  issue: NonNullable<GitHubEvent['issue']>;
  env: NodeJS.ProcessEnv;
  repository: string;
  reply: (text: string) => string;
  canWrite: (login: string) => boolean;
}

/** What an event asks for: a command to publish for a person, or why there is nothing to publish. */
type Request = { command: Action; args: ParsedArgs; person: Person } | { answer: string };

export async function chatops(env: NodeJS.ProcessEnv, io: CommandIo): Promise<string> {
  const event = JSON.parse(readFileSync(requiredEnv(env, 'GITHUB_EVENT_PATH'), 'utf8')) as GitHubEvent;
  const name = requiredEnv(env, 'GITHUB_EVENT_NAME');
  const repository = requiredEnv(env, 'GITHUB_REPOSITORY');
  const issue = event.issue;
  if (!issue || issue.pull_request) return 'Not an issue; nothing to do.';
  const thread: Thread = {
    issue,
    env,
    repository,
    reply: (text) =>
      gh(env, ['issue', 'comment', String(issue.number), '--repo', repository, '--body-file', '-'], text),
    canWrite: (login) => canWrite(repository, login, env),
  };
  const flags = new Map<string, string[]>([['content', [resolveSettings({}, env, '').contentDir]]]);
  let request: Request;
  if (name === 'issues' && event.action === 'opened') request = openingRequest(thread, event, flags);
  else if (name === 'issue_comment' && event.action === 'created' && event.comment)
    request = commentRequest(thread, event.comment, flags);
  else request = { answer: `A ${name} event (${event.action ?? ''}); nothing to do.` };
  if ('answer' in request) return request.answer;
  const { command, args, person } = request;
  if (command === 'new incident' && !thread.canWrite(person.login)) return refuse(thread.reply, person.login);
  let published;
  try {
    published = await publish({
      command,
      args,
      env,
      io,
      by: person ? { login: person.login, id: String(person.id) } : { login: 'unknown' },
      via: `from issue #${issue.number}`,
      // The link is written as soon as the change is on the branch: a failed deploy start leaves it.
      onLanded: command === 'new incident' ? (landed) => linkIssue(thread, landed) : undefined,
    });
  } catch (error) {
    if (error instanceof UnfinishedPublish) {
      answerOnIssue(thread, command, args, error.published, error.message);
      throw new CommandError(`${error.message}. The reply on issue #${issue.number} says so.`);
    }
    thread.reply(failure(error));
    throw new CommandError(`Nothing was published; the reply on issue #${issue.number} says why.`);
  }
  answerOnIssue(thread, command, args, published);
  summary(
    env,
    [`### ${command} ${published.id} from issue #${issue.number}`, '', timingTable(published.timings)].join(
      '\n',
    ),
  );
  return `${published.output}\nLanded as ${published.commit.slice(0, 7)}.`;
}

/** An issue opened with the Incident form: its title and answers open the incident. */
function openingRequest(thread: Thread, event: GitHubEvent, flags: Map<string, string[]>): Request {
  const { issue } = thread;
  const body = issue.body ?? '';
  if (!(issue.labels ?? []).some((label) => label.name === INCIDENT_LABEL))
    return { answer: `Issue #${issue.number} has no "${INCIDENT_LABEL}" label; nothing to do.` };
  const linked = linkedIncident(thread);
  if (linked) {
    // The same opening again (a re-run): the incident exists; only its deploy may be left to start.
    if (thread.env.PUSH_TRIGGERS_DEPLOY !== 'true')
      dispatchDeploy(thread.repository, requiredEnv(thread.env, 'BRANCH'), thread.env);
    return { answer: `Issue #${issue.number} already has incident ${linked}; started the deploy again.` };
  }
  const answers = formAnswers(body);
  const set = (flag: string, field: keyof typeof FORM_FIELDS) => {
    const value = answers.get(FORM_FIELDS[field]);
    if (value) flags.set(flag, [value]);
  };
  set('severity', 'severity');
  set('message', 'message');
  set('next', 'next');
  set('template', 'template');
  const components = componentFlags(answers.get(FORM_FIELDS.components));
  if (components.length > 0) flags.set('component', components);
  return {
    command: 'new incident',
    args: { positionals: [issue.title.trim()], flags },
    person: event.sender!,
  };
}

/** A comment on an incident's issue: /status or /resolve from someone with write access. */
function commentRequest(
  thread: Thread,
  comment: NonNullable<GitHubEvent['comment']>,
  flags: Map<string, string[]>,
): Request {
  let chat: Chat | undefined;
  try {
    chat = parseChat(comment.body);
  } catch (error) {
    if (!thread.canWrite(comment.user.login)) return { answer: refuse(thread.reply, comment.user.login) };
    thread.reply(failure(error));
    return { answer: 'The command was malformed; the reply says why.' };
  }
  if (!chat) return { answer: 'An ordinary comment; nothing to do.' };
  const person = comment.user;
  if (!thread.canWrite(person.login)) return { answer: refuse(thread.reply, person.login) };
  const id = linkedIncident(thread);
  if (!id) {
    thread.reply(
      `This issue is not linked to an incident. Open one with the **Incident** issue form.\n\n${COMMAND_HELP}`,
    );
    return { answer: 'No incident on this issue.' };
  }
  if (chat.kind === 'status') {
    flags.set('status', [chat.status]);
    flags.set('message', [chat.message]);
    if (chat.next) flags.set('next', [chat.next]);
  } else if (chat.kind === 'resolve' && chat.message) flags.set('message', [chat.message]);
  return {
    command: chat.kind === 'status' ? 'update' : chat.kind === 'publish' ? 'publish' : 'resolve',
    args: { positionals: [id], flags },
    person,
  };
}

/**
 * Right after the push: the bot's answer, carrying the marker that ties later commands to the
 * incident, then the incident's address at the end of the issue's body for readers of the issue.
 */
function linkIssue(thread: Thread, published: Published): void {
  const { issue, env, repository, reply } = thread;
  // A re-run whose earlier attempt landed the change, and maybe the answer too.
  if (published.repeated && linkedIncident(thread) === published.id) return;
  const where = published.url
    ? `It will be live at ${published.url} within a few minutes.`
    : 'It will be live when the deploy finishes.';
  reply(`Opened incident \`${published.id}\`. ${where}\n\n${COMMAND_HELP}\n\n${marker(published.id)}\n`);
  const link = `${(issue.body ?? '').trimEnd()}\n\n---\n**Status page:** ${published.url ?? published.id}\n`;
  gh(env, ['issue', 'edit', String(issue.number), '--repo', repository, '--body-file', '-'], link);
}

/**
 * The bot's answer on the issue once the change landed (a new incident was answered on landing);
 * `problem` is what failed after it landed, such as starting the deploy.
 */
function answerOnIssue(
  thread: Thread,
  command: Action,
  args: ParsedArgs,
  published: Published,
  problem?: string,
): void {
  const { issue, env, repository, reply } = thread;
  const where = problem
    ? `It is not live yet: ${problem}.`
    : published.url
      ? `It will be live at ${published.url} within a few minutes.`
      : 'It will be live when the deploy finishes.';
  if (command === 'new incident') {
    if (problem) reply(`Incident \`${published.id}\` is open. ${where}`);
  } else if (command === 'update') {
    reply(`Posted the "${args.flags.get('status')![0]}" update to \`${published.id}\`. ${where}`);
  } else if (command === 'publish') {
    reply(`Published the draft \`${published.id}\`. ${where}`);
  } else {
    reply(`Resolved \`${published.id}\`. ${where} Closing this issue.`);
    gh(env, ['issue', 'close', String(issue.number), '--repo', repository, '--reason', 'completed']);
  }
}

function refuse(reply: (text: string) => string, login: string): string {
  reply(
    `@${login}, only people with write access to this repository can post to the status page. Ask an incident commander to post it.`,
  );
  return `Refused: @${login} has no write access.`;
}
