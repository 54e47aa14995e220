import { refuseUnknownFlags, type ParsedArgs } from './args.ts';
import type { CliIo } from './run.ts';

/** The terminal and the clock a command runs with; `now` always answers (run() fills in Date.now). */
export type CommandIo = CliIo & {
  now: () => number;
  /** Runs `finish` once the command is done, whether it succeeded or not. */
  atEnd: (finish: () => void) => void;
};

/** What run() gives a command: nothing comes from `process`. */
export interface CommandInput {
  args: ParsedArgs;
  env: NodeJS.ProcessEnv;
  /** The real "now" in UTC ms when the command started; STATUSMARK_NOW and --at are each command's to apply. */
  now: number;
  io: CommandIo;
}

/** What a command prints on stdout (a newline follows) and its exit status; text alone means status 0. */
export type CommandResult = string | { output: string; code: number };

/** One command of the command line, declared next to its code (src/cli/commands/<name>.ts). */
export interface Command {
  /** As typed: "check", "new incident". */
  name: string;
  /** Printed for --help and after a usage error. */
  help: string;
  /** The flags that take no value, besides --help; every other flag takes one. */
  switches?: readonly string[];
  run: (input: CommandInput) => Promise<CommandResult>;
}

/** A command that refuses, before it runs, any flag its help does not name. */
export function defineCommand(command: Command): Command {
  return {
    ...command,
    run: (input) => {
      refuseUnknownFlags(input.args, command.name, command.help);
      return command.run(input);
    },
  };
}
