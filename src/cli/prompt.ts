import { createInterface } from 'node:readline/promises';
import { flag, UsageError, type ParsedArgs } from './args.ts';

/** A flag's value; asked for at the terminal when missing and interactive, else a usage error. */
export async function required(
  args: ParsedArgs,
  name: string,
  question: string,
  example: string,
): Promise<string> {
  const value = flag(args, name);
  if (value !== undefined && value !== '') return value;
  if (process.stdin.isTTY && process.stdout.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const answer = (await rl.question(`${question} (for example ${example}): `)).trim();
      if (answer) return answer;
    } finally {
      rl.close();
    }
  }
  throw new UsageError(`missing --${name}; for example --${name} ${example}`);
}

/** A positional argument, asked for in the same way. */
export async function requiredPositional(
  args: ParsedArgs,
  index: number,
  name: string,
  question: string,
  example: string,
): Promise<string> {
  const value = args.positionals[index];
  if (value) return value;
  return required({ ...args, flags: new Map([[name, []]]) }, name, question, example).catch(
    (error: unknown) => {
      throw error instanceof UsageError ? new UsageError(`missing <${name}>; for example ${example}`) : error;
    },
  );
}

/** A free question at the terminal, with a default; without a terminal the default is the answer. */
export async function ask(question: string, fallback: string | undefined): Promise<string | undefined> {
  if (!(process.stdin.isTTY && process.stdout.isTTY)) return fallback;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
    return answer || fallback;
  } finally {
    rl.close();
  }
}
