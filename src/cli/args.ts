import { INTERVAL_PATTERN, parseInterval as parseIntervalText } from '../schemas/common.ts';
import { closest } from '../text/words.ts';
import { UsageError } from './errors.ts';

export { UsageError };

/** A small argument parser: positionals, `--flag value`, `--flag=value`, repeatable flags, booleans. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

/**
 * Switches typed out of habit from other command lines: `-y`/`--yes` (never ask) and `-h` take no
 * value for every command, so that `new incident … --yes` is not "--yes needs a value".
 */
const HABITS: Record<string, string> = { '-y': '--yes', '-h': '--help' };
const ALWAYS_SWITCHES = ['help', 'yes'];

export function parseArgs(argv: readonly string[], booleans: readonly string[] = ['help']): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const switches = [...ALWAYS_SWITCHES, ...booleans];
  for (let i = 0; i < argv.length; i++) {
    const arg = HABITS[argv[i]!] ?? argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? (switches.includes(name) ? 'true' : argv[++i]);
    if (value === undefined) throw new UsageError(`--${name} needs a value`, true);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positionals, flags };
}

/** The flags every command takes, whatever its help says. */
const COMMON_FLAGS = ['help', 'content', 'yes'];

/**
 * Refuses a flag the command does not know (its help names every flag it takes), naming the
 * nearest one and listing the others: a mistyped flag is never silently ignored.
 */
export function refuseUnknownFlags(args: ParsedArgs, name: string, help: string): void {
  const known = [...new Set([...help.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!))];
  const unknown = [...args.flags.keys()].filter((f) => !known.includes(f) && !COMMON_FLAGS.includes(f));
  if (unknown.length === 0) return;
  const first = unknown[0]!;
  const guess = closest(first, known);
  throw new UsageError(
    `"statusmark ${name}" has no option --${first}${guess ? `; did you mean --${guess}?` : '.'} Its options are ${known.map((k) => `--${k}`).join(', ')}`,
  );
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

/** "30m", "2h", "1h30m" → milliseconds. */
export function parseInterval(text: string): number {
  const ms = parseIntervalText(text);
  if (ms !== undefined) return ms;
  throw new UsageError(
    INTERVAL_PATTERN.test(text.trim()) && text.trim() !== ''
      ? `"${text}" is more than a week; promise an update within a week at most, such as 24h`
      : `"${text}" is not an interval; write it like 30m, 2h or 1h30m`,
  );
}
