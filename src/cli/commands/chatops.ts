import { readFileSync } from 'node:fs';
import { resolveSettings } from '../../loader/settings.ts';
import { INCIDENT_STATUSES } from '../../schemas/vocabulary.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import { CommandError } from '../files.ts';
import { requiredEnv, runProgram, summary, timingTable } from '../github.ts';
import { componentFlags, publish, type Action } from './post.ts';

/**
 * `statusmark chatops`: what the "Status from issues" workflow runs on an issue event. An issue
 * opened with the Incident form opens the incident; on that issue, `/status <status> <message>
 * [next 30m]` posts an update and `/resolve [message]` resolves it (and closes the issue). Only people
 * with write access drive it; the bot answers every command, with the page's address or the error.
 */

/** The label the Incident issue form sets, and the marker the bot leaves in the issue's body. */
export const INCIDENT_LABEL = 'incident';
const MARKER = /<!-- statusmark-incident: ([a-z0-9-]+) -->/;

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
  | { kind: 'resolve'; message?: string | undefined };

export const COMMAND_HELP = [
  '`/status <investigating|identified|monitoring> <message for readers> [next 30m]` posts an update;',
  '`/resolve [message]` resolves the incident and closes this issue.',
].join('\n');

/** A comment's command, or undefined for an ordinary comment; a malformed command is a UsageError. */
export function parseChat(body: string): Chat | undefined {
  const text = body.trim();
  const match = /^\/(status|resolve)\b\s*([\s\S]*)$/i.exec(text);
  if (!match) return undefined;
  const rest = match[2]!.trim();
  if (match[1]!.toLowerCase() === 'resolve') return { kind: 'resolve', message: rest || undefined };
  const [status = '', ...words] = rest.split(/[ \t]+/);
  const open = INCIDENT_STATUSES.filter((s) => s !== 'resolved');
  if (!open.includes(status.toLowerCase() as (typeof open)[number]))
    throw new UsageError(`"${status}" is not a status; use ${open.join(', ')} (or /resolve)`);
  let message = words.join(' ').trim();
  const next = /(?:^|\s)next\s+(\d+h\d+m|\d+h|\d+m)\.?\s*$/i.exec(message);
  if (next) message = message.slice(0, next.index).trim();
  if (!message) throw new UsageError('the update needs a message for readers after the status');
  return { kind: 'status', status: status.toLowerCase(), message, next: next?.[1] };
}

function gh(args: string[], input?: string): string {
  const ran = runProgram('gh', args, { input });
  if (ran.code !== 0) throw new CommandError(`gh ${args.slice(0, 2).join(' ')} failed: ${ran.err.trim()}`);
  return ran.out;
}

/** admin, maintain and write may post; triage, read and none may not. */
export function canWrite(repository: string, login: string): boolean {
  const answer = JSON.parse(gh(['api', `repos/${repository}/collaborators/${login}/permission`])) as {
    permission?: string;
  };
  return ['admin', 'maintain', 'write'].includes(answer.permission ?? 'none');
}

/** What a failed command tells the person: the message, with check's problems quoted as they are. */
function failure(error: unknown): string {
  if (!(error instanceof UsageError || error instanceof CommandError)) throw error;
  return ['Nothing was published:', '', '```', error.message, '```', '', COMMAND_HELP].join('\n');
}

export async function chatops(env: NodeJS.ProcessEnv): Promise<string> {
  const event = JSON.parse(readFileSync(requiredEnv(env, 'GITHUB_EVENT_PATH'), 'utf8')) as GitHubEvent;
  const name = requiredEnv(env, 'GITHUB_EVENT_NAME');
  const repository = requiredEnv(env, 'GITHUB_REPOSITORY');
  const issue = event.issue;
  if (!issue || issue.pull_request) return 'Not an issue; nothing to do.';
  const reply = (text: string) =>
    gh(['issue', 'comment', String(issue.number), '--repo', repository, '--body-file', '-'], text);

  let command: Action;
  let args: ParsedArgs;
  let person: { login: string; id: number };
  const root = resolveSettings({}, env, '').contentDir;
  const flags = new Map<string, string[]>([['content', [root]]]);
  const body = issue.body ?? '';
  if (name === 'issues' && event.action === 'opened') {
    if (!(issue.labels ?? []).some((label) => label.name === INCIDENT_LABEL))
      return `Issue #${issue.number} has no "${INCIDENT_LABEL}" label; nothing to do.`;
    if (MARKER.test(body)) return `Issue #${issue.number} already has an incident.`;
    person = event.sender!;
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
    command = 'new incident';
    args = { positionals: [issue.title.trim()], flags };
  } else if (name === 'issue_comment' && event.action === 'created' && event.comment) {
    let chat: Chat | undefined;
    try {
      chat = parseChat(event.comment.body);
    } catch (error) {
      if (!canWrite(repository, event.comment.user.login)) return refuse(reply, event.comment.user.login);
      reply(failure(error));
      return 'The command was malformed; the reply says why.';
    }
    if (!chat) return 'An ordinary comment; nothing to do.';
    person = event.comment.user;
    const id = MARKER.exec(body)?.[1];
    if (!canWrite(repository, person.login)) return refuse(reply, person.login);
    if (!id) {
      reply(
        `This issue is not linked to an incident. Open one with the **Incident** issue form.\n\n${COMMAND_HELP}`,
      );
      return 'No incident on this issue.';
    }
    if (chat.kind === 'status') {
      flags.set('status', [chat.status]);
      flags.set('message', [chat.message]);
      if (chat.next) flags.set('next', [chat.next]);
      command = 'update';
    } else {
      if (chat.message) flags.set('message', [chat.message]);
      command = 'resolve';
    }
    args = { positionals: [id], flags };
  } else {
    return `A ${name} event (${event.action ?? ''}); nothing to do.`;
  }

  if (command === 'new incident' && !canWrite(repository, person.login)) return refuse(reply, person.login);
  let published;
  try {
    published = await publish({
      command,
      args,
      env,
      by: person ? { login: person.login, id: String(person.id) } : { login: 'unknown' },
      via: `from issue #${issue.number}`,
    });
  } catch (error) {
    reply(failure(error));
    throw new CommandError(`Nothing was published; the reply on issue #${issue.number} says why.`);
  }
  const where = published.url
    ? `It will be live at ${published.url} within a few minutes.`
    : 'It will be live when the deploy finishes.';
  if (command === 'new incident') {
    // The issue links the incident page, and the marker ties later commands to the incident.
    const link = `${body.trimEnd()}\n\n---\n**Status page:** ${published.url ?? published.id}\n<!-- statusmark-incident: ${published.id} -->\n`;
    gh(['issue', 'edit', String(issue.number), '--repo', repository, '--body-file', '-'], link);
    reply(`Opened incident \`${published.id}\`. ${where}\n\n${COMMAND_HELP}`);
  } else if (command === 'update') {
    reply(`Posted the "${args.flags.get('status')![0]}" update to \`${published.id}\`. ${where}`);
  } else {
    reply(`Resolved \`${published.id}\`. ${where} Closing this issue.`);
    gh(['issue', 'close', String(issue.number), '--repo', repository, '--reason', 'completed']);
  }
  summary(
    env,
    [`### ${command} ${published.id} from issue #${issue.number}`, '', timingTable(published.timings)].join(
      '\n',
    ),
  );
  return `${published.output}\nLanded as ${published.commit.slice(0, 7)}.`;
}

function refuse(reply: (text: string) => string, login: string): string {
  reply(
    `@${login}, only people with write access to this repository can post to the status page. Ask an incident commander to post it.`,
  );
  return `Refused: @${login} has no write access.`;
}
