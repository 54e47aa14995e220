import { readFileSync } from 'node:fs';
import { contentTime, commandContext } from '../context.ts';
import type { ParsedArgs } from '../args.ts';
import type { CommandIo } from '../command.ts';
import { CommandError } from '../files.ts';
import { landChange, requiredEnv, runProgram, runTrailer, summary } from '../github.ts';
import { ingestPayload, type Ingested } from './ingest.ts';

/**
 * `statusmark ingest --github`: what the "Status alerts" workflow runs when an alert arrives as a
 * repository_dispatch event. The draft lands on the default branch (it appears nowhere, so no review
 * stands between an alert and a person), and its Incident issue is opened, where `/publish`
 * publishes it; later notifications of the group are told there, never on the page.
 */

/** The marker the "Status from issues" workflow looks for in the bot's comment (chatops.ts). */
const marker = (id: string) => `<!-- statusmark-incident: ${id} -->`;

function gh(env: NodeJS.ProcessEnv, args: string[], input?: string): string {
  const ran = runProgram('gh', args, { env, input });
  if (ran.code !== 0) throw new CommandError(`gh ${args.slice(0, 2).join(' ')} failed: ${ran.err.trim()}`);
  return ran.out;
}

/** Opens the draft's Incident issue and returns its number (gh prints the issue's address). */
function openIssue(
  env: NodeJS.ProcessEnv,
  repository: string,
  draft: { id: string; title: string; frontMatter: Record<string, unknown> },
): number | undefined {
  const components = (draft.frontMatter.components as { id: string; impact: string }[])
    .map((c) => `\`${c.id}\` (${c.impact.replaceAll('_', ' ')})`)
    .join(', ');
  const body = [
    `An alert proposed the draft incident \`${draft.id}\`. It appears nowhere (page, feeds, API, badges, notifications) until someone publishes it.`,
    '',
    `- **Severity:** ${String(draft.frontMatter.severity)}`,
    `- **Components:** ${components}`,
    `- **Alert started:** ${String(draft.frontMatter.started)}`,
    '',
    'Comment `/publish` to publish it now with its first update, or edit `content/incidents/' +
      draft.id +
      '.md` first.',
  ].join('\n');
  const out = gh(
    env,
    [
      'issue',
      'create',
      '--repo',
      repository,
      '--title',
      `Draft incident: ${draft.title}`,
      '--label',
      'incident',
      '--body-file',
      '-',
    ],
    body,
  );
  const number = /\/issues\/(\d+)\s*$/.exec(out.trim())?.[1];
  return number === undefined ? undefined : Number(number);
}

/** The commit's message: which draft, what the alert did, and the run that did it. */
function commitMessage(outcome: Ingested, trailer: string | undefined): string {
  const { plan, written, group } = outcome;
  const subject =
    plan?.kind === 'create'
      ? `Draft incident ${written!.id} from an alert`
      : `Alert update on draft ${written!.id}${plan?.kind === 'update' ? ` (${plan.change})` : ''}`;
  return [
    subject,
    '',
    `Proposed by ${group!.described}, group ${group!.group}.`,
    ...(trailer ? ['', trailer] : []),
  ].join('\n');
}

/** What the bot says on the draft's issue once the change landed (or when nothing needed landing). */
function answer(env: NodeJS.ProcessEnv, repository: string, outcome: Ingested): void {
  const { plan, written } = outcome;
  const comment = (issue: number | undefined, text: string) => {
    if (issue !== undefined)
      gh(env, ['issue', 'comment', String(issue), '--repo', repository, '--body-file', '-'], text);
  };
  if (plan?.kind === 'create' && written)
    comment(
      written.alert.issue,
      `Drafted \`${written.id}\` from the alert. \`/publish\` publishes it and posts its first update now; after that, \`/status …\` and \`/resolve\` work here as on any incident.\n\n${marker(written.id)}\n`,
    );
  else if (plan?.kind === 'update' && written && plan.change !== 'still fires') {
    const at =
      plan.change === 'resolved' ? contentTime(plan.alert.resolved_at!) : contentTime(plan.alert.last_seen);
    comment(
      written.alert.issue,
      `The alert group ${plan.change} at ${at}. The draft \`${written.id}\` records it; nothing was published.`,
    );
  } else if (plan?.kind === 'propose-resolution')
    comment(
      plan.issue,
      `The alerts of \`${plan.id}\` resolved at ${contentTime(plan.at)}. Nothing public was changed: once someone has confirmed it, comment \`/resolve\` to resolve the incident.`,
    );
}

export async function ingestFromGitHub(
  args: ParsedArgs,
  env: NodeJS.ProcessEnv,
  io: CommandIo,
): Promise<string> {
  if (requiredEnv(env, 'GITHUB_EVENT_NAME') !== 'repository_dispatch')
    return `A ${env.GITHUB_EVENT_NAME} event: ingest --github reads repository_dispatch events only; nothing to do.`;
  const event = JSON.parse(readFileSync(requiredEnv(env, 'GITHUB_EVENT_PATH'), 'utf8')) as {
    client_payload?: unknown;
  };
  if (!event.client_payload || typeof event.client_payload !== 'object')
    throw new CommandError(
      'The repository_dispatch event has no client_payload: send the alert as {"event_type": "alert", "client_payload": {…}} (docs/alerts.md)',
    );
  const branch = requiredEnv(env, 'BRANCH');
  const repository = requiredEnv(env, 'GITHUB_REPOSITORY');
  let outcome: Ingested | undefined;
  let issue: number | undefined;
  // The issue is opened once, on the first attempt that drafts; a retry on a moved branch reuses it.
  const hooks = {
    openIssue: (draft: Parameters<typeof openIssue>[2]) => (issue ??= openIssue(env, repository, draft)),
  };
  try {
    await landChange({
      env,
      branch,
      apply: () => {
        outcome = ingestPayload(event.client_payload, commandContext(args, env, io.now(), io), hooks);
        return Promise.resolve(outcome);
      },
      message: (result) => commitMessage(result, runTrailer(env)),
    });
  } catch (error) {
    // Nothing to land (an ignored alert, a proposal, a test message) is no failure.
    if (!(error instanceof CommandError && outcome && !outcome.written)) throw error;
  }
  answer(env, repository, outcome!);
  summary(env, ['### Alert', '', ...outcome!.lines.map((line) => `- ${line}`)].join('\n'));
  return outcome!.lines.join('\n');
}
