import { INTERVAL_PATTERN, parseInterval as parseIntervalText } from '../schemas/common.ts';
import { UsageError } from './errors.ts';

export { UsageError };

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
