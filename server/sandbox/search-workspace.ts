// Line search over the workspace's text files. The pattern comes from the agent, and a
// backtracking regular expression can take exponential time, so matching runs in a vm context
// under a time budget (V8 interrupts a running regular expression there) instead of freely on
// the worker's event loop.
import { lstat } from "node:fs/promises";
import vm from "node:vm";
import { AppError } from "../core/app-error";
import { walkWorkspace } from "./walk-workspace";
import { looksBinary, openRegular, pathError, relativePath, resolveInside, workspaceRoot } from "./workspace-path";

export type SearchMatch = { path: string; line: number; text: string };
export type SearchResult = { matches: SearchMatch[]; truncated: boolean; filesSearched: number; filesSkipped: number };

const MAX_FILE_BYTES = 1024 ** 2;
const MAX_FILES = 20_000;
const MAX_LINE_CHARS = 400;
const MAX_LIMIT = 2000;
/** Time spent matching (not reading files) across one search. */
const BUDGET_MS = 3000;
// Files are matched in batches: each vm call with a timeout starts a watchdog, which costs far
// more than matching one small file.
const BATCH_BYTES = 4 * 1024 ** 2;
const BATCH_FILES = 500;

// Runs inside the context: it sees only its own globals (re, texts, max), not this module.
const SCAN = `(() => {
  const out = [];
  for (let f = 0; f < texts.length && out.length < max; f++) {
    const lines = texts[f].split("\\n");
    for (let i = 0; i < lines.length && out.length < max; i++) {
      re.lastIndex = 0;
      if (re.test(lines[i])) out.push([f, i + 1, lines[i]]);
    }
  }
  return out;
})()`;

function invalid(message: string): AppError {
  return new AppError("validation_failed", message, { issues: [{ path: "pattern", message }] });
}

function compile(ctx: vm.Context, pattern: string, regex: boolean): void {
  const source = regex ? pattern : pattern.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  ctx.source = source;
  try {
    vm.runInContext("re = new RegExp(source)", ctx, { timeout: 1000 });
  } catch (e) {
    throw invalid(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`);
  }
}

async function readText(abs: string, rel: string): Promise<string | "skip" | null> {
  const opened = await openRegular(abs, rel).catch(() => null);
  if (!opened) return null; // vanished or not a regular file
  try {
    if (opened.size > MAX_FILE_BYTES) return "skip";
    const buf = Buffer.alloc(opened.size);
    const { bytesRead } = await opened.fh.read(buf, 0, opened.size, 0);
    return looksBinary(buf.subarray(0, bytesRead)) ? "skip" : buf.subarray(0, bytesRead).toString("utf8");
  } finally {
    await opened.fh.close();
  }
}

export async function searchWorkspace(dir: string, opts: { pattern: string; path?: string; regex?: boolean; limit?: number }): Promise<SearchResult> {
  if (typeof opts.pattern !== "string" || opts.pattern === "") throw invalid("pattern must not be empty");
  if (opts.pattern.length > 1000) throw invalid("pattern is longer than 1000 characters");
  const p = opts.path ?? ".";
  const rel = relativePath(p, { allowRoot: true });
  const root = await workspaceRoot(dir);
  const start = await resolveInside(root, p, rel);
  const startSt = await lstat(start);
  if (!startSt.isDirectory() && !startSt.isFile()) throw pathError(p, "is not a file or directory");
  const limit = Math.max(1, Math.min(opts.limit ?? 200, MAX_LIMIT));
  const ctx = vm.createContext(Object.create(null));
  compile(ctx, opts.pattern, opts.regex === true);

  const result: SearchResult = { matches: [], truncated: false, filesSearched: 0, filesSkipped: 0 };
  let spentMs = 0;
  let batch: { rel: string; text: string }[] = [];
  let batchBytes = 0;
  /** Matches the batch; false once the limit is reached. */
  const flush = (): boolean => {
    if (batch.length === 0) return true;
    ctx.texts = batch.map((b) => b.text);
    ctx.max = limit - result.matches.length + 1; // one more than room says "truncated"
    const t0 = performance.now();
    let found: [number, number, string][];
    try {
      found = vm.runInContext(SCAN, ctx, { timeout: Math.max(1, Math.floor(BUDGET_MS - spentMs)) }) as [number, number, string][];
    } catch {
      throw invalid(`search took longer than ${BUDGET_MS / 1000} s of matching; the pattern backtracks too much or the path is too wide`);
    }
    spentMs += performance.now() - t0;
    const files = batch;
    batch = [];
    batchBytes = 0;
    for (const [f, line, t] of found) {
      if (result.matches.length === limit) {
        result.truncated = true;
        return false;
      }
      result.matches.push({ path: files[f]!.rel, line, text: t.length > MAX_LINE_CHARS ? `${t.slice(0, MAX_LINE_CHARS)}…` : t });
    }
    return true;
  };

  const files = startSt.isDirectory() ? walkWorkspace(root, start, true) : (async function* () { yield { rel, abs: start, dirent: null }; })();
  for await (const e of files) {
    if (e.dirent && !e.dirent.isFile()) continue; // links, directories, FIFOs
    if (result.filesSearched + result.filesSkipped >= MAX_FILES) {
      result.truncated = true;
      break;
    }
    const text = await readText(e.abs, e.rel);
    if (text === null) continue;
    if (text === "skip") {
      result.filesSkipped++;
      continue;
    }
    result.filesSearched++;
    batch.push({ rel: e.rel, text });
    batchBytes += text.length;
    if ((batchBytes >= BATCH_BYTES || batch.length >= BATCH_FILES) && !flush()) return result;
  }
  flush();
  return result;
}
