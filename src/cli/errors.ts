import type { Problem } from '../loader/problem.ts';

/**
 * The two kinds of user mistake the command line reports as a message and an exit code, never a
 * stack trace. Apart from everything else, so that dispatching loads nothing heavy.
 */

/** A mistake in how a command was called: printed with the command's help, exit status 2. */
export class UsageError extends Error {}

/** A failure the user can act on: the message alone, exit status 1. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}
