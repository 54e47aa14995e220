import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '../../loader/front-matter.ts';
import { formatProblem, type Problem } from '../../loader/problem.ts';
import { readContentTree } from '../../loader/read-tree.ts';
import { resolveSettings } from '../../loader/settings.ts';
import { validateContent } from '../../loader/validate.ts';
import type { SiteContent } from '../../domain/content.ts';
import { componentChanges, notifyEvents, type NotifyEvent } from '../../events/subscriber-events.ts';
import { discordMessage, slackMessage, teamsMessage, webhookPayload } from '../../notify/messages.ts';
import { parsePlainDate, parseZonedTime } from '../../schemas/common.ts';
import type { Channel } from '../../schemas/site.ts';
import { flag, UsageError, type ParsedArgs } from '../args.ts';
import { CommandError } from '../files.ts';
import {
  deliverySettings,
  postJson,
  signatureHeaders,
  type DeliverySettings,
  type Outcome,
} from '../../notify/deliver.ts';
import { sendEmail } from '../../notify/email.ts';
import {
  channelState,
  FIRST_RUN_MS,
  NEWS_WINDOW_MS,
  prune,
  readState,
  RETRY_FOR_MS,
  STATE_VERSION,
  writeState,
  readStateBranch,
  writeStateBranch,
  type NotifyState,
} from '../../notify/state.ts';

/**
 * `statusmark notify --dist <built site> --state <file>`: after a deploy, sends each channel in
 * site.yaml what is new since the state file, exactly once, then records it. The events are those of
 * the published site: the content at the clock the site was built with (read from the site itself).
 */

interface Run {
  content: SiteContent;
  siteUrl: string;
  channels: Channel[];
  /** Each channel's secrets, read from the environment. */
  secrets: Map<string, { url?: string; secret?: string; smtp?: string }>;
  delivery: DeliverySettings;
}

/** The clock and address the published site was built with, from its own status document. */
function builtSite(dist: string): { now: number; url: string } {
  const path = join(dist, 'api', 'v2', 'status.json');
  if (!existsSync(path))
    throw new UsageError(
      `${path} does not exist; build the site first (npm run build), then notify from its folder`,
    );
  let status: { page?: { updated_at?: string; url?: string } };
  try {
    status = JSON.parse(readFileSync(path, 'utf8')) as typeof status;
  } catch (error) {
    throw new CommandError(`${path} is not JSON (${(error as Error).message}); rebuild the site`);
  }
  const now = parseZonedTime(status.page?.updated_at ?? '');
  if (now === undefined || !status.page?.url)
    throw new CommandError(`${path} has no page.updated_at and page.url; rebuild the site`);
  return { now, url: status.page.url };
}

/** Channels whose secret is missing are reported like check reports content, with site.yaml's line. */
function secretsOf(channels: Channel[], env: NodeJS.ProcessEnv, siteFile: string, siteText: string) {
  const parsed = parseYaml(siteText);
  // A workflow can pass every repository secret at once as JSON (toJSON(secrets)), so that adding a
  // channel needs a secret and a few lines of site.yaml, and no edit of the workflow.
  let fromJson: Record<string, string | undefined> = {};
  try {
    fromJson = env.STATUSMARK_SECRETS ? (JSON.parse(env.STATUSMARK_SECRETS) as Record<string, string>) : {};
  } catch {
    throw new CommandError(
      'STATUSMARK_SECRETS is not JSON; set it to ${{ toJSON(secrets) }} in the workflow',
    );
  }
  const problems: Problem[] = [];
  const secrets = new Map<string, { url?: string; secret?: string; smtp?: string }>();
  channels.forEach((channel, index) => {
    const read = (field: 'url_env' | 'secret_env' | 'smtp_env') => {
      const name = channel[field];
      if (name === undefined) return undefined;
      const value = env[name] || fromJson[name];
      if (!value) {
        problems.push({
          file: siteFile,
          line: parsed.lineOf(['notifications', index, field]),
          path: `notifications[${index}].${field}`,
          message: `${name} is not set; add it as a repository secret (Settings → Secrets and variables → Actions)`,
          severity: 'error',
        });
      }
      return value;
    };
    secrets.set(channel.name, { url: read('url_env'), secret: read('secret_env'), smtp: read('smtp_env') });
  });
  if (problems.length > 0)
    throw new CommandError(
      `Nothing was sent: a channel is missing its secret.\n${problems.map(formatProblem).join('\n')}`,
    );
  return secrets;
}

/** Whether a channel wants an event: its kinds, and its components (an event with none goes to all). */
export function wants(channel: Channel, event: NotifyEvent): boolean {
  // Status changes of single components are for machines (Statuspage's component_update), not people.
  if (event.componentUpdate && channel.type !== 'webhook') return false;
  if (channel.events && !channel.events.includes(event.kind)) return false;
  if (!channel.components || event.components.length === 0) return true;
  return event.components.some((c) => channel.components!.includes(c.id));
}

async function send(run: Run, channel: Channel, event: NotifyEvent, test = false): Promise<Outcome> {
  const zone = run.content.site.time_zone;
  const secrets = run.secrets.get(channel.name)!;
  if (channel.type === 'email')
    return sendEmail(
      secrets.smtp!,
      channel,
      event,
      run.content.site.name,
      zone,
      new URL(run.siteUrl).hostname,
      run.delivery,
      test,
    );
  const body = JSON.stringify(
    channel.type === 'slack'
      ? slackMessage(event, zone, test)
      : channel.type === 'discord'
        ? discordMessage(event, zone, test)
        : channel.type === 'teams'
          ? teamsMessage(event, zone, test)
          : webhookPayload(event, run.content, run.siteUrl, test),
  );
  const headers =
    channel.type === 'webhook' && secrets.secret ? signatureHeaders(secrets.secret, body, Date.now()) : {};
  return postJson(secrets.url!, body, headers, run.delivery);
}

export async function notify(
  args: ParsedArgs,
  env: NodeJS.ProcessEnv,
  realNow: number,
): Promise<{ output: string; code: number }> {
  const settings = resolveSettings({}, env, '');
  const root = flag(args, 'content') ?? settings.contentDir;
  const dist = flag(args, 'dist') ?? 'dist';
  const statePath = flag(args, 'state') ?? '.statusmark/notify-state.json';
  const built = builtSite(dist);
  const tree = readContentTree(root);
  const result = validateContent(
    tree,
    { statusmarkNow: new Date(built.now).toISOString(), realNow },
    settings.base,
  );
  if (!result.content)
    throw new CommandError(
      `Nothing was sent: the content does not pass check at the clock the site was built with.\n${result.problems
        .filter((p) => p.severity === 'error')
        .map(formatProblem)
        .join('\n')}`,
    );
  const content = result.content;
  const channels = content.site.notifications;
  if (channels.length === 0)
    return { output: 'No channels in site.yaml (notifications); nothing to send.', code: 0 };
  const now = content.clock.now;
  const sinceFlag = flag(args, 'since');
  const since =
    sinceFlag !== undefined ? (parseZonedTime(sinceFlag) ?? parsePlainDate(sinceFlag)) : undefined;
  if (sinceFlag !== undefined && since === undefined)
    throw new UsageError(
      `--since "${sinceFlag}" is not a date or an ISO time with a zone; write it like 2026-11-20 or 2026-11-20T14:30:00Z`,
    );
  const events = [
    ...notifyEvents(content, built.url),
    ...componentChanges(content, built.url, since ?? now - NEWS_WINDOW_MS),
  ].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const dryRun = args.flags.has('dry-run');

  const testName = flag(args, 'test');
  if (testName !== undefined) {
    const channel = channels.find((c) => c.name === testName);
    if (!channel)
      throw new UsageError(
        `no channel "${testName}" in site.yaml; the channels are ${channels.map((c) => c.name).join(', ')}`,
      );
    const run: Run = {
      content,
      siteUrl: built.url,
      channels,
      secrets: secretsOf([channel], env, tree.site!.file, tree.site!.text),
      delivery: deliverySettings(env),
    };
    const sample = events.filter((e) => !e.componentUpdate).at(-1) ?? testEvent(content, built.url);
    const outcome = await send(run, channel, sample, true);
    return {
      output: `${channel.name}: test message ${outcome.ok ? 'delivered' : 'FAILED'} after ${outcome.tries} ${outcome.tries === 1 ? 'try' : 'tries'}; the receiver answered: ${outcome.answer}`,
      code: outcome.ok ? 0 : 1,
    };
  }

  const stateBranch = flag(args, 'state-branch');
  if (stateBranch && !dryRun) readStateBranch(process.cwd(), stateBranch, statePath);
  const previous = readState(statePath);
  const state: NotifyState = previous ?? { version: STATE_VERSION, last_run: '', channels: {} };
  // A first run sends only what is recent (a first deploy must not replay the archive); later runs
  // send whatever is new within the news window, back-dated updates included.
  const from = since ?? (previous ? now - NEWS_WINDOW_MS : now - FIRST_RUN_MS);
  const lines: string[] = [];
  const plan = channels.map((channel) => {
    const mine = channelState(state, channel.name);
    const due: NotifyEvent[] = [];
    for (const event of events) {
      if (!wants(channel, event) || mine.sent[event.id] !== undefined) continue;
      if (since === undefined && event.at < now - NEWS_WINDOW_MS) continue;
      if (event.at < from) {
        if (!dryRun) mine.sent[event.id] = event.at; // older than the first run's horizon: recorded, not sent
        continue;
      }
      const pending = mine.pending[event.id];
      if (pending && now - pending.since > RETRY_FOR_MS) {
        lines.push(
          `${channel.name}: dropped ${event.id} after failing for more than 24 hours (last answer: ${pending.error})`,
        );
        if (!dryRun) {
          delete mine.pending[event.id];
          mine.sent[event.id] = event.at;
        }
        continue;
      }
      due.push(event);
    }
    return { channel, due };
  });

  if (dryRun) {
    for (const { channel, due } of plan)
      lines.push(
        due.length === 0
          ? `${channel.name} (${channel.type}): nothing new`
          : `${channel.name} (${channel.type}) would get ${due.length}:\n${due.map((e) => `  ${e.id}  [${e.status}] ${e.title}`).join('\n')}`,
      );
    return {
      output: [`Dry run: nothing is sent and ${statePath} is not changed.`, ...lines].join('\n'),
      code: 0,
    };
  }

  const run: Run = {
    content,
    siteUrl: built.url,
    channels,
    secrets: secretsOf(channels, env, tree.site!.file, tree.site!.text),
    delivery: deliverySettings(env),
  };
  let failed = 0;
  // Channels are independent: one that hangs or refuses never holds up the others.
  await Promise.all(
    plan.map(async ({ channel, due }) => {
      const mine = channelState(state, channel.name);
      for (const event of due) {
        const outcome = await send(run, channel, event);
        if (outcome.ok) {
          mine.sent[event.id] = event.at;
          delete mine.pending[event.id];
          lines.push(`${channel.name}: sent ${event.id}`);
        } else {
          failed++;
          const before = mine.pending[event.id];
          mine.pending[event.id] = {
            since: before?.since ?? now,
            runs: (before?.runs ?? 0) + 1,
            error: outcome.answer,
          };
          lines.push(
            `${channel.name}: FAILED ${event.id} after ${outcome.tries} ${outcome.tries === 1 ? 'try' : 'tries'}: ${outcome.answer}`,
          );
        }
        writeState(statePath, state); // after each message: a killed run forgets nothing it sent
        if (!outcome.ok && !outcome.retry) {
          lines.push(`${channel.name}: the receiver refused; its other messages wait for the next run`);
          break;
        }
      }
    }),
  );
  state.last_run = new Date(now).toISOString();
  prune(state, now);
  writeState(statePath, state);
  if (stateBranch)
    writeStateBranch(process.cwd(), stateBranch, statePath, `notify state as of ${state.last_run}`);
  const sent = lines.filter((l) => l.includes(': sent ')).length;
  lines.push(
    `${sent} sent, ${failed} failed.${failed ? ' Failed messages are retried by the next runs for 24 hours.' : ''}`,
  );
  return { output: lines.join('\n'), code: failed > 0 ? 1 : 0 };
}

/** A test message for a site with no event yet. */
function testEvent(content: SiteContent, siteUrl: string): NotifyEvent {
  return {
    id: 'test',
    kind: 'incident',
    at: content.clock.now,
    thread: 'test',
    title: 'Test message from the status page',
    status: 'Test',
    impact: undefined,
    markdown: 'This is a test of the notification channel. Nothing is wrong.',
    text: 'This is a test of the notification channel. Nothing is wrong.',
    components: [],
    nextUpdate: undefined,
    url: new URL(content.base, siteUrl).href,
  };
}
