import type { Problem } from '../loader/problem.ts';

/**
 * The two kinds of user mistake the command line reports as a message and an exit code, never a
 * stack trace. Apart from everything else, so that dispatching loads nothing heavy.
 */

/**
 * A mistake in how a command was called, exit status 2. Printed as its one line and a pointer to
 * --help; with the whole help only when the mistake is the command's shape (a flag without its
 * value, a missing argument), where the help is the answer.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showHelp = false,
  ) {
    super(message);
  }
}

/** A failure the user can act on: the message alone, exit status 1. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}
