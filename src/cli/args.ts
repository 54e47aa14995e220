/** A small argument parser: positionals, `--flag value`, `--flag=value`, repeatable flags, booleans. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], booleans: readonly string[] = ['help']): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? (booleans.includes(name) ? 'true' : argv[++i]);
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positionals, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

/** A mistake in how a command was called: printed with the command's help, never a stack trace. */
export class UsageError extends Error {}

/** "30m", "2h", "1h30m" → milliseconds. */
export function parseInterval(text: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(text.trim());
  if (!match || (!match[1] && !match[2]))
    throw new UsageError(`"${text}" is not an interval; write it like 30m, 2h or 1h30m`);
  const ms = (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60_000;
  if (ms > MAX_INTERVAL)
    throw new UsageError(
      `"${text}" is more than a week; promise an update within a week at most, such as 24h`,
    );
  return ms;
}

/** The longest "next update in": a status update promising one later than a week is not one. */
const MAX_INTERVAL = 7 * 24 * 60 * 60_000;
