import { CommandError } from './files.ts';
import { parseArgs, flag, UsageError, type ParsedArgs } from './args.ts';
import { checkTree, renderReport, type CheckFormat } from '../loader/check.ts';
import { resolveSettings } from '../loader/settings.ts';
import { commandContext } from './context.ts';
import {
  INIT_HELP,
  STALE_HELP,
  NEW_INCIDENT_HELP,
  NEW_MAINTENANCE_HELP,
  NEW_POSTMORTEM_HELP,
  RESOLVE_HELP,
  UPDATE_HELP,
} from './help.ts';

const CHECK_HELP = `statusmark check [--format text|json|github]

Validates every content file and lists every problem as "file:line  field  what to do".
Exit status 1 on any error. --format github prints workflow annotations for pull requests.
`;

const STATUS_HELP = `statusmark status

Prints what the home page will show at the clock (STATUSMARK_NOW, else now), without building: the
page status, components that are not operational, open incidents with their page and their next-update
promise, and maintenance. Exit status 3 when a promised update is overdue, 1 on a content error.
`;

const POST_HELP = `statusmark post

Run by the "Post a status update" workflow that statusmark init writes: reads the inputs given on
the GitHub website or app (INPUT_ACTION = new incident | update | resolve, INPUT_INCIDENT,
INPUT_STATUS, INPUT_MESSAGE, INPUT_NEXT, INPUT_COMPONENTS, INPUT_TITLE, INPUT_SEVERITY,
INPUT_TEMPLATE), runs that command, commits the change to BRANCH with ACTOR as co-author, pushes it
(again on the new tip when the branch moved), and starts the Deploy workflow with gh.
`;

const NOTIFY_HELP = `statusmark notify [--dist dist] [--state .statusmark/notify-state.json] [--dry-run | --test CHANNEL]

After a deploy: sends each channel in site.yaml (notifications) every event that is new since the
state file (incident updates, maintenance announced, started and completed, postmortems published),
exactly once, then records them. The events are the published site's: the content at the clock the
site in --dist was built with. With no state file yet, only the last two hours are sent (--since TIME
changes that). Failed messages are retried within the run and by later runs for 24 hours. Exit
status 1 when a message could not be delivered (after trying every channel).

  --dry-run       print what would be sent; send nothing, change nothing
  --test CHANNEL  send one message marked [TEST] to that channel and print the receiver's answer
  --since DATE    send events from this date or time on (a first run's horizon, or to reach further back)
  --state-branch NAME
                  keep the state on that branch of origin (read before, committed and pushed after):
                  what the Deploy workflow does, whose runner starts empty each time
`;

const IMPORT_HELP = `statusmark import statuspage <file|url>... [--dry-run] [--since DATE] [--force]
statusmark import cstate <site folder> [--dry-run] [--since DATE] [--force]

Moves a site's history in from Atlassian Statuspage: its public API v2 documents (summary.json,
components.json, incidents.json, scheduled-maintenances.json) or a management-API export of incidents,
from files or https:// addresses. Writes components.yaml (new components appended), one file per
incident and maintenance window, and a draft postmortem for each postmortem text. Every file is
checked with the rest of the content first; one that would not pass is reported and left out. An
existing file is left alone unless --force; importing the same source again changes nothing. Ends with
what could not be carried over exactly.

From cState: the systems and categories of its Hugo config (config.yml, .yaml, .toml or hugo.*) and
content/issues/*.md, whose "*Status* - text {{< track "…" >}}" paragraphs are the updates (times
without a zone are in the config's timeZone, else UTC); issues that announce maintenance become
maintenance windows.

  --since DATE          only incidents and windows from this date on
  --severities MAP      Statuspage impacts to severities (default none=P4,minor=P3,major=P2,critical=P1)
  --dry-run             list what would be written; write nothing
  --force               replace existing files with the same id
`;

const CHATOPS_HELP = `statusmark chatops

Run by the "Status from issues" workflow: an issue opened with the Incident form opens the incident;
on it, "/status identified <message> next 30m" posts an update and "/resolve [message]" resolves it
and closes the issue. Only people with write access; the bot answers each command on the issue.
Reads GITHUB_EVENT_PATH, GITHUB_EVENT_NAME, GITHUB_REPOSITORY and BRANCH; talks to GitHub with gh.
`;

const HELP = `statusmark — a status page and postmortem archive from Markdown

Commands:
  statusmark init <folder>                   start a new status site
  statusmark check                           validate the content (also runs before every build)
  statusmark status                          what the page says now, without building
  statusmark new incident "<title>" …        open an incident
  statusmark update <incident-id> …          post an update
  statusmark resolve <incident-id>           resolve an incident
  statusmark new maintenance "<title>" …     schedule maintenance
  statusmark new postmortem <incident-id>    scaffold a postmortem
  statusmark stale --url <site>              fail when the published site is older than --max-age
  statusmark import statuspage|cstate …      move in with a Statuspage or cState history
  statusmark notify --dist dist --state FILE  send what is new to Slack, Discord, Teams, webhooks and email
  statusmark post | chatops                  run by the workflows that post from GitHub's website, app and issues

Every command takes --help, and --content DIR (default: $STATUSMARK_CONTENT or "content").
Times default to now; STATUSMARK_NOW or --at TIME sets "now" explicitly.
`;

type Runner = (args: ParsedArgs) => Promise<{ output: string; code: number }>;

type Command = (args: ParsedArgs, ctx: ReturnType<typeof commandContext>) => Promise<string>;

/** Writing commands load on demand, so that `check` (run before every build) starts fast. */
const writing =
  (load: () => Promise<Command>): Runner =>
  async (args) => ({
    output: await (await load())(args, commandContext(args, process.env, Date.now())),
    code: 0,
  });

/** Each command's flags that take no value (`--help` everywhere); every other flag takes one. */
const COMMANDS: Record<string, { help: string; run: Runner; switches?: string[] }> = {
  check: {
    help: CHECK_HELP,
    run: async (args) => {
      const format = (flag(args, 'format') ?? 'text') as CheckFormat;
      if (!['text', 'json', 'github'].includes(format))
        throw new UsageError(`--format must be text, json or github, got "${format}"`);
      const settings = resolveSettings({}, process.env, '');
      const root = flag(args, 'content') ?? settings.contentDir;
      const result = checkTree(root, settings.clock, Date.now());
      return Promise.resolve({ output: renderReport(result, format), code: result.content ? 0 : 1 });
    },
  },
  status: {
    help: STATUS_HELP,
    run: async (args) => {
      const settings = resolveSettings({}, process.env, '');
      const root = flag(args, 'content') ?? settings.contentDir;
      const result = checkTree(root, settings.clock, Date.now(), settings.base);
      if (!result.content) return { output: renderReport(result, 'text'), code: 1 };
      const { statusReport } = await import('./commands/status-report.ts');
      const report = statusReport(result.content, settings.base);
      // Exit status 3 when a promised update is overdue, for a script or a reminder to act on.
      return { output: report.text, code: report.overdue > 0 ? 3 : 0 };
    },
  },
  stale: {
    help: STALE_HELP,
    run: async (args) => ({
      output: await (await import('./commands/stale.ts')).stale(args, Date.now()),
      code: 0,
    }),
  },
  init: {
    help: INIT_HELP,
    switches: ['yes', 'force'],
    run: async (args) => ({ output: await (await import('./commands/init.ts')).init(args), code: 0 }),
  },
  'new incident': {
    help: NEW_INCIDENT_HELP,
    run: writing(async () => (await import('./commands/new-incident.ts')).newIncident),
  },
  'new maintenance': {
    help: NEW_MAINTENANCE_HELP,
    run: writing(async () => (await import('./commands/new-maintenance.ts')).newMaintenance),
  },
  'new postmortem': {
    help: NEW_POSTMORTEM_HELP,
    run: writing(async () => (await import('./commands/new-postmortem.ts')).newPostmortem),
  },
  update: {
    help: UPDATE_HELP,
    switches: ['mitigated'],
    run: writing(async () => (await import('./commands/update.ts')).update),
  },
  resolve: { help: RESOLVE_HELP, run: writing(async () => (await import('./commands/resolve.ts')).resolve) },
  import: {
    help: IMPORT_HELP,
    switches: ['dry-run', 'force'],
    run: async (args) => ({
      output: await (await import('./commands/import.ts')).importCommand(args, process.env),
      code: 0,
    }),
  },
  notify: {
    help: NOTIFY_HELP,
    switches: ['dry-run'],
    run: async (args) => (await import('./commands/notify.ts')).notify(args, process.env, Date.now()),
  },
  post: {
    help: POST_HELP,
    run: async () => ({ output: await (await import('./commands/post.ts')).post(process.env), code: 0 }),
  },
  chatops: {
    help: CHATOPS_HELP,
    run: async () => ({
      output: await (await import('./commands/chatops.ts')).chatops(process.env),
      code: 0,
    }),
  },
};

async function main(argv: string[]): Promise<number> {
  const name = argv[0] === 'new' ? `new ${argv[1] ?? ''}`.trim() : (argv[0] ?? '');
  const rest = argv.slice(name.split(' ').length);
  const command = COMMANDS[name];
  if (!command) {
    const known = !name || name === '--help' || name === '-h' || name === 'help';
    (known ? process.stdout : process.stderr).write(
      `${known ? '' : `Unknown command "${name}".\n\n`}${HELP}`,
    );
    return known && name ? 0 : 2;
  }
  try {
    const args = parseArgs(rest, ['help', ...(command.switches ?? [])]);
    if (args.flags.has('help')) {
      process.stdout.write(command.help);
      return 0;
    }
    const { output, code } = await command.run(args);
    process.stdout.write(`${output}\n`);
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof CommandError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
