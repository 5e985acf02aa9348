// Line search over the workspace's text files. The pattern comes from the agent, and a
// backtracking regular expression can take exponential time, so matching runs in a vm context
// under a time budget (V8 interrupts a running regular expression there) instead of freely on
// the worker's event loop.
import { lstat } from "node:fs/promises";
import vm from "node:vm";
import { AppError } from "../http/app-error";
import { walkWorkspace } from "./walk-workspace";
import { looksBinary, openRegular, pathError, relativePath, resolveInside, workspaceRoot } from "./workspace-path";

export type SearchMatch = { path: string; line: number; text: string };
export type SearchResult = { matches: SearchMatch[]; truncated: boolean; filesSearched: number; filesSkipped: number };

const MAX_FILE_BYTES = 1024 ** 2;
const MAX_LINE_CHARS = 400;
const MAX_LIMIT = 2000;
const BUDGET_MS = 3000;

// Runs inside the context: it sees only its own globals (re, text, max), not this module.
const SCAN = `(() => {
  const out = [];
  const lines = text.split("\\n");
  for (let i = 0; i < lines.length && out.length < max; i++) {
    re.lastIndex = 0;
    if (re.test(lines[i])) out.push([i + 1, lines[i]]);
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

export async function searchWorkspace(dir: string, opts: { pattern: string; path?: string; regex?: boolean; limit?: number }): Promise<SearchResult> {
  if (typeof opts.pattern !== "string" || opts.pattern === "") throw invalid("pattern must not be empty");
  if (opts.pattern.length > 1000) throw invalid("pattern is longer than 1000 characters");
  const p = opts.path ?? ".";
  const rel = relativePath(p, { allowRoot: true });
  const root = await workspaceRoot(dir);
  const start = await resolveInside(root, p, rel);
  const limit = Math.max(1, Math.min(opts.limit ?? 200, MAX_LIMIT));
  const ctx = vm.createContext(Object.create(null));
  compile(ctx, opts.pattern, opts.regex === true);

  const result: SearchResult = { matches: [], truncated: false, filesSearched: 0, filesSkipped: 0 };
  const deadline = performance.now() + BUDGET_MS;
  const startSt = await lstat(start);
  if (!startSt.isDirectory() && !startSt.isFile()) throw pathError(p, "is not a file or directory");
  const files = startSt.isDirectory()
    ? walkWorkspace(root, start, true)
    : (async function* () { yield { rel, abs: start, dirent: null }; })();
  for await (const e of files) {
    if (e.dirent && !e.dirent.isFile()) continue; // links, directories, FIFOs
    const { fh, size } = await openRegular(e.abs, e.rel).catch(() => ({ fh: null, size: 0 }));
    if (!fh) continue;
    let text: string | null = null;
    try {
      if (size > MAX_FILE_BYTES) result.filesSkipped++;
      else {
        const buf = Buffer.alloc(size);
        const { bytesRead } = await fh.read(buf, 0, size, 0);
        if (looksBinary(buf.subarray(0, bytesRead))) result.filesSkipped++;
        else text = buf.subarray(0, bytesRead).toString("utf8");
      }
    } finally {
      await fh.close();
    }
    if (text === null) continue;
    result.filesSearched++;
    const remaining = Math.floor(deadline - performance.now());
    if (remaining <= 0) throw invalid(`search took longer than ${BUDGET_MS / 1000} s; narrow the path or simplify the pattern`);
    ctx.text = text;
    ctx.max = limit - result.matches.length + 1;
    let found: [number, string][];
    try {
      found = vm.runInContext(SCAN, ctx, { timeout: remaining }) as [number, string][];
    } catch {
      throw invalid(`search took longer than ${BUDGET_MS / 1000} s; the pattern backtracks too much or the path is too wide`);
    }
    for (const [line, t] of found) {
      if (result.matches.length === limit) {
        result.truncated = true;
        return result;
      }
      result.matches.push({ path: e.rel, line, text: t.length > MAX_LINE_CHARS ? `${t.slice(0, MAX_LINE_CHARS)}…` : t });
    }
  }
  return result;
}
