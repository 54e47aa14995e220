import { flag, UsageError, type ParsedArgs } from './args.ts';
import type { CliIo } from './run.ts';

/** The terminal a question is asked on: stdin for the answer, stdout for the question. */
export type Terminal = Pick<CliIo, 'stdin' | 'stdout'>;

/** One line typed at the terminal, trimmed; undefined when there is no terminal to ask. */
async function question(terminal: Terminal, text: string): Promise<string | undefined> {
  const input = terminal.stdin;
  if (!input?.isTTY) return undefined;
  terminal.stdout(text);
  // The terminal itself echoes what is typed (it stays in line mode); readline only reads the line.
  // Loaded here: a command given all its flags does not start Node's readline.
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input, terminal: false });
  try {
    return (await rl.question('')).trim();
  } finally {
    rl.close();
  }
}

/** A flag's value; asked for at the terminal when missing and interactive, else a usage error. */
export async function required(
  terminal: Terminal,
  args: ParsedArgs,
  name: string,
  prompt: string,
  example: string,
): Promise<string> {
  const value = flag(args, name);
  if (value !== undefined && value !== '') return value;
  const answer = await question(terminal, `${prompt} (for example ${example}): `);
  if (answer) return answer;
  throw new UsageError(`missing --${name}; for example --${name} ${example}`, true);
}

/** A positional argument, asked for in the same way. */
export async function requiredPositional(
  terminal: Terminal,
  args: ParsedArgs,
  index: number,
  name: string,
  prompt: string,
  example: string,
): Promise<string> {
  const value = args.positionals[index];
  if (value) return value;
  return required(terminal, { ...args, flags: new Map([[name, []]]) }, name, prompt, example).catch(
    (error: unknown) => {
      throw error instanceof UsageError
        ? new UsageError(`missing <${name}>; for example ${example}`, true)
        : error;
    },
  );
}

/** A free question at the terminal, with a default; without a terminal the default is the answer. */
export async function ask(
  terminal: Terminal,
  prompt: string,
  fallback: string | undefined,
): Promise<string | undefined> {
  const answer = await question(terminal, `${prompt}${fallback ? ` [${fallback}]` : ''}: `);
  return answer || fallback;
}
