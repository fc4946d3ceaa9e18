/**
 * A failure the user can act on (no synthesized stack, unknown stack, unreachable engine):
 * printed as one message with its fix, without a stack trace, and exit code 2, apart from 1,
 * which `status` keeps for "the stack is not healthy". Any other error is printed the same
 * way (its message, and a fix that says to report it); CDS_DEBUG=1 adds the stack trace.
 */
export class CliError extends Error {
  /** True for a CliError (a property check, not `instanceof`, as everywhere in this library). */
  static isCliError(this: void, value: unknown): value is CliError {
    return value instanceof Error && value.name === 'CliError' && typeof (value as { fix?: unknown }).fix === 'string';
  }

  constructor(
    message: string,
    /** What to do about it. */
    readonly fix: string,
    /** The error behind it, when there is one: its stack trace is printed with CDS_DEBUG=1. */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CliError';
  }
}

/** Exit codes, shared by every command. */
export const EXIT = {
  ok: 0,
  /** `status`: at least one service is not running healthy. */
  unhealthy: 1,
  /** `diff`: the plan has changes. */
  changes: 1,
  /** Bad usage, nothing synthesized, unknown stack, engine unreachable. */
  error: 2,
  /** Interrupted (Ctrl-C) before `status` had a verdict: 128 + SIGINT, as shells report it. */
  interrupted: 130,
} as const;
