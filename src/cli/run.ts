import { closest } from '../text/words.ts';
import type { Command, CommandResult } from './command.ts';
import { CommandError, UsageError } from './errors.ts';

/**
 * The command line as a function: arguments, environment and terminal in, exit status out. Nothing
 * here reads `process`, so tests and other programs run it in-process; src/cli/main.ts is the wrapper
 * that hands it the real ones.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** For prompts; absent or not a TTY means no prompting. */
  stdin?: NodeJS.ReadStream;
  /** "Now" in UTC ms when no STATUSMARK_NOW/--at says otherwise (default Date.now). */
  now?: () => number;
  /** Called once the command's code is loaded, before it runs (see src/cli/main.ts). */
  loaded?: () => void;
  /** Where a command may keep what it parsed for the next run (see yaml-cache.ts); undefined: nowhere. */
  cacheDir?: string;
}

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
  statusmark ingest <file|->                 propose a draft incident from an alert payload
  statusmark publish <incident-id>           publish a draft incident
  statusmark follow-ups sync                 update action items from their GitHub issues
  statusmark post | chatops                  run by the workflows that post from GitHub's website, app and issues

Every command takes --help, and --content DIR (default: $STATUSMARK_CONTENT or "content").
Times default to now; STATUSMARK_NOW or --at TIME sets "now" explicitly.
`;

/**
 * Every command, loaded only when it runs: `check` (before every build) and `--help` load nothing
 * else. Each module declares its own help and switches.
 */
export const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  init: () => import('./commands/init.ts'),
  check: () => import('./commands/check.ts'),
  status: () => import('./commands/status.ts'),
  'new incident': () => import('./commands/new-incident.ts'),
  update: () => import('./commands/update.ts'),
  resolve: () => import('./commands/resolve.ts'),
  'new maintenance': () => import('./commands/new-maintenance.ts'),
  'new postmortem': () => import('./commands/new-postmortem.ts'),
  stale: () => import('./commands/stale.ts'),
  import: () => import('./commands/import.ts'),
  notify: () => import('./commands/notify.ts'),
  post: () => import('./commands/post.ts'),
  chatops: () => import('./commands/chatops.ts'),
  ingest: () => import('./commands/ingest.ts'),
  publish: () => import('./commands/publish-draft.ts'),
  'follow-ups sync': () => import('./commands/follow-ups.ts'),
};

export async function run(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const twoWords = argv[0] === 'new' || argv[0] === 'follow-ups';
  const name = twoWords ? `${argv[0]} ${argv[1] ?? ''}`.trim() : (argv[0] ?? '');
  const load = COMMANDS[name];
  if (!load) {
    const known = !name || name === '--help' || name === '-h' || name === 'help';
    const guess = known ? undefined : closest(name, Object.keys(COMMANDS));
    if (known) io.stdout(HELP);
    else if (guess) io.stderr(`Unknown command "${name}"; did you mean "statusmark ${guess}"?\n`);
    else io.stderr(`Unknown command "${name}".\n\n${HELP}`);
    return known && name ? 0 : 2;
  }
  const { command } = await load();
  io.loaded?.();
  try {
    return await runCommand(command, argv.slice(name.split(' ').length), env, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.showHelp ? `\n${command.help}` : `See "statusmark ${command.name} --help".\n`;
      io.stderr(`${error.message}\n${help}`);
      return 2;
    }
    if (error instanceof CommandError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function runCommand(
  command: Command,
  rest: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const { parseArgs } = await import('./args.ts');
  const args = parseArgs(rest, ['help', ...(command.switches ?? [])]);
  if (args.flags.has('help')) {
    io.stdout(command.help);
    return 0;
  }
  const now = io.now ?? (() => Date.now());
  const finishing: (() => void)[] = [];
  let result: CommandResult;
  try {
    result = await command.run({
      args,
      env,
      now: now(),
      io: { ...io, now, atEnd: (finish) => void finishing.push(finish) },
    });
  } finally {
    for (const finish of finishing) finish();
  }
  const { output, code } = typeof result === 'string' ? { output: result, code: 0 } : result;
  io.stdout(`${output}\n`);
  return code;
}
