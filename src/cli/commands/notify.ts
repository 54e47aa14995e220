import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '../../loader/front-matter.ts';
import { formatProblem, ProblemCollector, type Problem } from '../../loader/problem.ts';
import { readContentTree } from '../../loader/read-tree.ts';
import { checkBuildClock } from '../../loader/rules/clock-rules.ts';
import { checkSiteLocales } from '../../loader/rules/locale-rules.ts';
import { checkSiteFile } from '../../loader/rules/site-rules.ts';
import { resolveSettings } from '../../loader/settings.ts';
import { validateContent } from '../../loader/validate.ts';
import { loadCatalogues, localeOf } from '../../loader/catalogues.ts';
import type { ContentTree } from '../../loader/read-tree.ts';
import { inLocale, type SiteContent } from '../../domain/content.ts';
import type { ClockInput } from '../../time/clock.ts';
import type { Locale } from '../../i18n/locale.ts';
import { allEvents, type SubscriberEvent } from '../../events/subscriber-events.ts';
import { legacyIdMigrator } from '../../events/legacy-ids.ts';
import {
  discordMessage,
  headline,
  notificationOf,
  slackMessage,
  teamsMessage,
  testNotification,
  webhookPayload,
  type Notification,
} from '../../notify/messages.ts';
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
import { sendToList } from '../../notify/list-send.ts';
import type { ListDelivery } from '../../notify/list-provider.ts';
import { NEWS_WINDOW_MS, prune, readState, STATE_VERSION, type NotifyState } from '../../notify/state.ts';
import { readStateBranch, StateSaver } from '../../notify/state-branch.ts';
import { planDeliveries, recordSent, type Plan } from '../../notify/plan.ts';
import type { Command } from '../command.ts';

const HELP = `statusmark notify [--dist dist] [--state .statusmark/notify-state.json] [--dry-run | --test CHANNEL]

After a deploy: sends each channel in site.yaml (notifications) every event that is new since the
state file (incident updates, maintenance announced, started and completed, postmortems published),
exactly once, then records them. The events are the published site's: the content at the clock the
site in --dist was built with. With no state file yet, and for a channel added since, only the last
two hours are sent (--since TIME changes that). Failed messages are retried within the run (for two
minutes in all) and by later runs for 24 hours; a channel's later messages wait behind a failed one,
so that they arrive in order. Exit status 1 when a message could not be delivered (after trying
every channel).

  --dry-run       print what would be sent; send nothing, change nothing
  --test CHANNEL  send one message marked [TEST] to that channel and print the receiver's answer
                  (needs only content/site.yaml and the channel's secret, no build)
  --since DATE    send events from this date or time on (a first run's horizon, or to reach further back)
  --state-branch NAME
                  keep the state on that branch of origin (read before, committed and pushed after
                  each message): what the Deploy workflow does, whose runner starts empty each time
`;

export const command: Command = {
  name: 'notify',
  help: HELP,
  switches: ['dry-run'],
  run: async ({ args, env, now }) => notify(args, env, now),
};

/**
 * `statusmark notify --dist <built site> --state <file>`: after a deploy, sends each channel in
 * site.yaml what is new since the state file, exactly once, then records it. The events are those of
 * the published site: the content at the clock the site was built with (read from the site itself).
 */

interface Run {
  content: SiteContent;
  siteUrl: string;
  /** Each channel's secrets, read from the environment. */
  secrets: Map<string, Secrets>;
  delivery: DeliverySettings;
  env: NodeJS.ProcessEnv;
  /** What list providers were asked once this run (their tag and list ids). */
  memo: ListDelivery['memo'];
}

type Secrets = Partial<Record<'url' | 'secret' | 'smtp' | 'apiKey' | 'token', string>>;
const SECRET_FIELDS = {
  url_env: 'url',
  secret_env: 'secret',
  smtp_env: 'smtp',
  api_key_env: 'apiKey',
  api_token_env: 'token',
} as const;

/** A channel's language: its words, and the site's content in it (the content as written when the site is not built in it). */
interface Audience {
  content: SiteContent;
  locale: Locale;
  /** The events of `content`, by id, made when first asked for. */
  events?: Map<string, SubscriberEvent>;
}

/** What the run reads: the content at the built site's clock, and what it announces. */
interface Setup {
  content: SiteContent;
  tree: ContentTree;
  siteUrl: string;
  since: number | undefined;
  events: SubscriberEvent[];
  /** The start of the stretch component changes are looked for in. */
  changesFrom: number;
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
  const secrets = new Map<string, Secrets>();
  channels.forEach((channel, index) => {
    const read = (field: keyof typeof SECRET_FIELDS) => {
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
    const mine: Secrets = {};
    for (const [field, name] of Object.entries(SECRET_FIELDS))
      mine[name] = read(field as keyof typeof SECRET_FIELDS);
    secrets.set(channel.name, mine);
  });
  if (problems.length > 0)
    throw new CommandError(
      `Nothing was sent: a channel is missing its secret.\n${problems.map(formatProblem).join('\n')}`,
    );
  return secrets;
}

/**
 * Each channel's language: its `locale`, else the site's. One of the site's languages brings the
 * content's translations and the pages in that language; another shipped one, only its words.
 */
function audiencesOf(setup: Setup, channels: Channel[]): Map<string, Audience> {
  const { content, tree } = setup;
  const problems: Problem[] = [];
  const audiences = new Map<string, Audience>();
  const parsed = parseYaml(tree.site!.text);
  channels.forEach((channel, index) => {
    const tag = channel.locale ?? content.locale.tag;
    if (content.locales.some((l) => l.tag === tag)) {
      const localized = inLocale(content, tag);
      return void audiences.set(channel.name, { content: localized, locale: localized.locale });
    }
    const set = loadCatalogues(tree.locales, [tag], problems);
    const locale = localeOf(set, tag, content.site.time_zone);
    if (locale) return void audiences.set(channel.name, { content, locale });
    problems.push({
      file: tree.site!.file,
      line: parsed.lineOf(['notifications', index, 'locale']),
      path: `notifications[${index}].locale`,
      message: `"${tag}" has no message catalogue; use one of ${set.tags.join(', ')}`,
      severity: 'error',
    });
  });
  if (problems.some((p) => p.severity === 'error'))
    throw new CommandError(
      `Nothing was sent: a channel's language cannot be used.\n${problems.map(formatProblem).join('\n')}`,
    );
  return audiences;
}

/** An event as a channel hears it, in the channel's language. */
function notificationFor(setup: Setup, audience: Audience, event: SubscriberEvent): Notification {
  let own = event;
  if (audience.content !== setup.content) {
    audience.events ??= new Map(allEvents(audience.content, setup.changesFrom).map((e) => [e.id, e]));
    own = audience.events.get(event.id) ?? event;
  }
  return notificationOf(own, audience.content, audience.locale, setup.siteUrl);
}

async function send(run: Run, channel: Channel, n: Notification, test = false): Promise<Outcome> {
  const secrets = run.secrets.get(channel.name)!;
  if (channel.type === 'buttondown' || channel.type === 'listmonk')
    return sendToList({
      ...run,
      channel,
      n,
      test,
      secrets,
      siteName: run.content.site.name,
    });
  if (channel.type === 'email')
    return sendEmail(
      secrets.smtp!,
      channel,
      n,
      run.content.site.name,
      new URL(run.siteUrl).hostname,
      run.delivery,
      test,
    );
  const body = JSON.stringify(
    channel.type === 'slack'
      ? slackMessage(n, test)
      : channel.type === 'discord'
        ? discordMessage(n, test)
        : channel.type === 'teams'
          ? teamsMessage(n, test)
          : webhookPayload(n, run.content, run.siteUrl, test),
  );
  const headers =
    channel.type === 'webhook' && secrets.secret ? signatureHeaders(secrets.secret, body, Date.now()) : {};
  return postJson(secrets.url!, body, headers, run.delivery);
}

/** The content at the clock the site was built with, and its events. */
function setUp(args: ParsedArgs, env: NodeJS.ProcessEnv, realNow: number): Setup {
  const settings = resolveSettings({}, env, '');
  const root = flag(args, 'content') ?? settings.contentDir;
  const built = builtSite(flag(args, 'dist') ?? 'dist');
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
  const sinceFlag = flag(args, 'since');
  const since =
    sinceFlag !== undefined ? (parseZonedTime(sinceFlag) ?? parsePlainDate(sinceFlag)) : undefined;
  if (sinceFlag !== undefined && since === undefined)
    throw new UsageError(
      `--since "${sinceFlag}" is not a date or an ISO time with a zone; write it like 2026-11-20 or 2026-11-20T14:30:00Z`,
    );
  const changesFrom = since ?? content.clock.now - NEWS_WINDOW_MS;
  const events = allEvents(content, changesFrom);
  return { content, tree, siteUrl: built.url, since, events, changesFrom };
}

function runOf(setup: Setup, channels: Channel[], env: NodeJS.ProcessEnv): Run {
  return {
    content: setup.content,
    siteUrl: setup.siteUrl,
    secrets: secretsOf(channels, env, setup.tree.site!.file, setup.tree.site!.text),
    delivery: deliverySettings(env, Date.now()),
    env,
    memo: new Map(),
  };
}

/**
 * What `--test` reads. A test message needs no build: with one, the content at its clock and
 * address; without, the content now, at site.yaml's address. When the content does not pass check
 * (or there is nothing but site.yaml yet), site.yaml alone, and the message is the catalogue's test text.
 */
function testSetup(args: ParsedArgs, env: NodeJS.ProcessEnv, realNow: number): Setup {
  const settings = resolveSettings({}, env, '');
  const dist = flag(args, 'dist') ?? 'dist';
  const built = existsSync(join(dist, 'api', 'v2', 'status.json')) ? builtSite(dist) : undefined;
  const tree = readContentTree(flag(args, 'content') ?? settings.contentDir);
  const clockInput = {
    statusmarkNow: built ? new Date(built.now).toISOString() : env.STATUSMARK_NOW,
    realNow,
  };
  const whole = validateContent(tree, clockInput, settings.base).content;
  const content = whole ?? siteAlone(tree, clockInput, settings.base);
  const changesFrom = content.clock.now - NEWS_WINDOW_MS;
  const events = whole ? allEvents(whole, changesFrom) : [];
  return { content, tree, siteUrl: built?.url ?? content.site.url, since: undefined, events, changesFrom };
}

/** The content of a site that is only its site.yaml: enough to word and address a test message. */
function siteAlone(tree: ContentTree, clockInput: Omit<ClockInput, 'demoNow'>, base: string): SiteContent {
  const report = new ProblemCollector();
  const files = { ...checkSiteFile(tree, report), componentIds: new Set<string>() };
  const locales = checkSiteLocales(files, tree, report);
  const clock = checkBuildClock(files, clockInput, report);
  const site = files.site?.value;
  if (report.hasErrors || !site || !locales || !clock)
    throw new CommandError(
      `Nothing was sent: site.yaml does not pass check.\n${report
        .sorted()
        .filter((p) => p.severity === 'error')
        .map(formatProblem)
        .join('\n')}`,
    );
  const none = { components: [], incidents: [], maintenance: [], postmortems: [] };
  return { site, locale: locales[0]!, locales, ...none, clock, base };
}

/** `--test <channel>`: the latest event (or a test text), marked as a test, to one channel. */
async function sendTest(args: ParsedArgs, env: NodeJS.ProcessEnv, realNow: number, name: string) {
  const setup = testSetup(args, env, realNow);
  const channels = setup.content.site.notifications;
  const channel = channels.find((c) => c.name === name);
  if (!channel)
    throw new UsageError(
      channels.length === 0
        ? `no channel "${name}": site.yaml has no notifications; add the channel there first (docs/notifications.md)`
        : `no channel "${name}" in site.yaml; the channels are ${channels.map((c) => c.name).join(', ')}`,
    );
  const audience = audiencesOf(setup, [channel]).get(channel.name)!;
  const latest = setup.events.filter((e) => e.type !== 'component_status').at(-1);
  const sample = latest
    ? notificationFor(setup, audience, latest)
    : testNotification(audience.content, audience.locale, setup.siteUrl);
  const outcome = await send(runOf(setup, [channel], env), channel, sample, true);
  return {
    output: `${channel.name}: test message ${outcome.ok ? 'delivered' : 'FAILED'} after ${outcome.tries} ${outcome.tries === 1 ? 'try' : 'tries'}; the receiver answered: ${outcome.answer}`,
    code: outcome.ok ? 0 : 1,
  };
}

const tries = (n: number) => `${n} ${n === 1 ? 'try' : 'tries'}`;

/** What the run counted, for its last line. */
interface Tally {
  failed: number;
  /** Messages not tried, waiting behind a failed one for the next run. */
  held: number;
}

/**
 * Sends each channel what it is due, in order, saving the state after each message. A message that
 * fails holds back the channel's later ones for the next run, so that a receiver never hears update 3
 * before update 2; the other channels go on.
 */
async function deliver(
  setup: Setup,
  run: Run,
  plans: Plan[],
  state: NotifyState,
  saver: StateSaver,
  lines: string[],
): Promise<Tally> {
  const audiences = audiencesOf(
    setup,
    plans.map((p) => p.channel),
  );
  const tally: Tally = { failed: 0, held: 0 };
  // Channels are independent: one that hangs or refuses never holds up the others.
  await Promise.all(
    plans.map(async ({ channel, due }) => {
      const mine = state.channels[channel.name]!;
      for (const [index, event] of due.entries()) {
        if (saver.failure) return void (tally.held += due.length - index);
        const outcome = await send(run, channel, notificationFor(setup, audiences.get(channel.name)!, event));
        if (outcome.ok) {
          recordSent(mine, event);
          delete mine.pending[event.id];
          lines.push(`${channel.name}: sent ${event.id}`);
        } else {
          tally.failed++;
          const before = mine.pending[event.id];
          mine.pending[event.id] = {
            since: before?.since ?? setup.content.clock.now,
            runs: (before?.runs ?? 0) + 1,
            error: outcome.answer,
          };
          lines.push(`${channel.name}: FAILED ${event.id} after ${tries(outcome.tries)}: ${outcome.answer}`);
        }
        await saver.save(); // after each message: a run that is stopped forgets nothing it sent
        if (outcome.ok) continue;
        const rest = due.length - index - 1;
        tally.held += rest;
        if (rest > 0)
          lines.push(
            `${channel.name}: ${rest} later ${rest === 1 ? 'message waits' : 'messages wait'} for the next run, to arrive after ${event.id}`,
          );
        return;
      }
    }),
  );
  return tally;
}

/** `--dry-run`: what each channel would get, with its headline in the channel's language. */
function dryRunReport(setup: Setup, plans: Plan[], statePath: string, lines: string[]) {
  const audiences = audiencesOf(
    setup,
    plans.map((p) => p.channel),
  );
  for (const { channel, due } of plans) {
    const audience = audiences.get(channel.name)!;
    const listed = due.map((e) => `  ${e.id}  ${headline(notificationFor(setup, audience, e))}`);
    lines.push(
      due.length === 0
        ? `${channel.name} (${channel.type}): nothing new`
        : `${channel.name} (${channel.type}) would get ${due.length}:\n${listed.join('\n')}`,
    );
  }
  return {
    output: [`Dry run: nothing is sent and ${statePath} is not changed.`, ...lines].join('\n'),
    code: 0,
  };
}

export async function notify(
  args: ParsedArgs,
  env: NodeJS.ProcessEnv,
  realNow: number,
): Promise<{ output: string; code: number }> {
  const testName = flag(args, 'test');
  if (testName !== undefined) return sendTest(args, env, realNow, testName);
  const statePath = flag(args, 'state') ?? '.statusmark/notify-state.json';
  const setup = setUp(args, env, realNow);
  const { content } = setup;
  const now = content.clock.now;
  const channels = content.site.notifications;
  if (channels.length === 0)
    return { output: 'No channels in site.yaml (notifications); nothing to send.', code: 0 };

  const dryRun = args.flags.has('dry-run');
  const branch = flag(args, 'state-branch');
  // git runs in the content folder: the site's repository, wherever the command is started from.
  const repository = setup.tree.root;
  if (branch && !dryRun) await readStateBranch(repository, branch, statePath);
  const previous = readState({ path: statePath, branch }, legacyIdMigrator(content));
  const state: NotifyState = previous ?? { version: STATE_VERSION, last_run: '', channels: {} };
  const lines: string[] = [];
  const plans = planDeliveries(
    { events: setup.events, now, since: setup.since, dryRun },
    channels,
    state,
    lines,
  );
  if (dryRun) return dryRunReport(setup, plans, statePath, lines);

  const run = runOf(setup, channels, env);
  const asOf = new Date(now).toISOString();
  const saver = new StateSaver(
    state,
    statePath,
    branch ? { cwd: repository, name: branch, message: () => `notify state as of ${asOf}` } : undefined,
  );
  const { failed, held } = await deliver(setup, run, plans, state, saver, lines);
  state.last_run = asOf;
  prune(state, now);
  await saver.save();
  if (saver.failure)
    lines.push(`${saver.failure.message}. Nothing more was sent, as it could not be recorded.`);
  const sent = lines.filter((l) => l.includes(': sent ')).length;
  const waiting = held > 0 ? `, ${held} held back for the next run` : '';
  lines.push(
    `${sent} sent, ${failed} failed${waiting}.${failed ? ' Failed messages are retried by the next runs for 24 hours.' : ''}`,
  );
  return { output: lines.join('\n'), code: failed > 0 || saver.failure ? 1 : 0 };
}
