// What a CLI command looks like. Commands live in one table (commands.ts); adding one is adding a
// file and a row, never touching the dispatcher.
export type CliIo = { out: (line: string) => void; err: (line: string) => void };

export type Command = {
  /** The words that select the command, e.g. ["audit", "verify"]. */
  words: readonly string[];
  /** Arguments after the words, as shown in usage lines. */
  synopsis: string;
  summary: string;
  /** Resolves to the process exit code. Throws UsageError for bad arguments. */
  run(args: string[], io: CliIo): Promise<number>;
};

/** Exit codes every command shares; a script can tell "checked and bad" from "could not check". */
export const EXIT = { ok: 0, failed: 1, usage: 2, error: 3 } as const;

/** Bad arguments: printed as one line plus usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: Command) {
    super(message);
  }
}
