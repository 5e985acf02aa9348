// The bench's command line, checked before anything runs: `npm run bench -- [letters] [--json FILE]
// [--warmup=N] [--workers=N] [--runs=N] [--minutes=N] [--phase=steady|crash]`.
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

export const FIGURES = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w"] as const;

export type BenchArgs = {
  /** The figures to run; empty: all of them. */
  only: ReadonlySet<string>;
  json: string | null;
  /** Figure g: outcomes applied before timing, and worker processes. */
  warmup: number;
  workers: number;
  /** Figure k: runs per phase, minutes a phase may take, and which phase (both when null). */
  runs: number;
  minutes: number;
  phase: "steady" | "crash" | null;
};

const USAGE = "npm run bench -- [figure letters a-w] [--json FILE] [--warmup=N] [--workers=N] [--runs=N] [--minutes=N] [--phase=steady|crash]";

export class BenchArgsError extends Error {}

function whole(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) throw new BenchArgsError(`--${name} must be a whole number of at least ${min}, not ${JSON.stringify(text)}`);
  return n;
}

/** Throws BenchArgsError with a one-line message for anything it does not understand. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: { json: { type: "string" }, warmup: { type: "string" }, workers: { type: "string" }, runs: { type: "string" }, minutes: { type: "string" }, phase: { type: "string" } },
    });
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
    throw new BenchArgsError(code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? `unknown option ${option}; usage: ${USAGE}`
      : code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" ? `${option} needs a value; usage: ${USAGE}` : `${message.split("\n")[0]}; usage: ${USAGE}`);
  }
  const { values: v, positionals } = parsed;
  const unknown = positionals.filter((p) => !(FIGURES as readonly string[]).includes(p));
  if (unknown.length) throw new BenchArgsError(`unknown figure ${JSON.stringify(unknown[0])}: figures are ${FIGURES.join(", ")}`);
  if (v.phase !== undefined && v.phase !== "steady" && v.phase !== "crash") throw new BenchArgsError(`--phase must be steady or crash, not ${JSON.stringify(v.phase)}`);
  return {
    only: new Set(positionals),
    json: v.json === undefined ? null : writableFile(v.json),
    warmup: whole("warmup", v.warmup, 20, 0),
    workers: whole("workers", v.workers, 1, 1),
    runs: whole("runs", v.runs, 1_000, 1),
    minutes: whole("minutes", v.minutes, 10, 1),
    phase: v.phase ?? null,
  };
}

/** The JSON file must be writable now, not after minutes of measuring. */
function writableFile(file: string): string {
  const full = path.resolve(file);
  if (file === "" || file.startsWith("-")) throw new BenchArgsError(`--json needs a file name, not ${JSON.stringify(file)}`);
  try {
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) throw new BenchArgsError(`--json ${file}: is a directory`);
    accessSync(path.dirname(full), constants.W_OK);
  } catch (e) {
    if (e instanceof BenchArgsError) throw e;
    throw new BenchArgsError(`--json ${file}: cannot write into ${path.dirname(full)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return full;
}
