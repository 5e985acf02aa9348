// The agent's file tools, run on the host and confined to the workspace (workspace-path.ts).
// They never follow a link out of the workspace, never touch .git, and never write through a
// link; new files belong to the sandbox's host identity so later commands can change them.
import { constants } from "node:fs";
import { lstat, mkdir, open } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../core/app-error";
import { walkWorkspace } from "./walk-workspace";
import { looksBinary, openRegular, pathError, relativePath, resolveInside, workspaceRoot } from "./workspace-path";
import { giveToSandbox } from "./workspace-owner";

export { checkExportable } from "./workspace-path";
export { searchWorkspace } from "./search-workspace";

const MAX_LIST = 10_000;
const DEFAULT_READ_BYTES = 256 * 1024;
const MAX_WRITE_BYTES = 16 * 1024 ** 2;

/**
 * Paths relative to the workspace root, sorted. Not recursive: the entries of one directory,
 * directories ending in "/". Recursive: every file and link below it (directories implied).
 */
export async function listFiles(dir: string, opts: { path?: string; recursive?: boolean; limit?: number } = {}): Promise<{ files: string[]; truncated: boolean }> {
  const p = opts.path ?? ".";
  const rel = relativePath(p, { allowRoot: true });
  const root = await workspaceRoot(dir);
  const start = await resolveInside(root, p, rel);
  if (!(await lstat(start)).isDirectory()) throw pathError(p, "is not a directory");
  const limit = Math.max(1, Math.min(opts.limit ?? 1000, MAX_LIST));
  const files: string[] = [];
  let truncated = false;
  for await (const e of walkWorkspace(root, start, opts.recursive === true)) {
    if (opts.recursive && e.dirent.isDirectory()) continue;
    if (files.length === limit) {
      truncated = true;
      break;
    }
    files.push(e.dirent.isDirectory() ? `${e.rel}/` : e.rel);
  }
  return { files: files.sort(), truncated };
}

export type ReadResult = { path: string; content: string; size: number; truncated: boolean; binary: boolean };

/** Text of a file; a binary file (NUL in its first 8000 bytes) comes back empty with binary: true. */
export async function readWorkspaceFile(dir: string, p: string, opts: { maxBytes?: number } = {}): Promise<ReadResult> {
  const rel = relativePath(p);
  const root = await workspaceRoot(dir);
  const real = await resolveInside(root, p, rel);
  const { fh, size } = await openRegular(real, p);
  try {
    const max = Math.max(1, opts.maxBytes ?? DEFAULT_READ_BYTES);
    const buf = Buffer.alloc(Math.min(size, max));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const data = buf.subarray(0, bytesRead);
    if (looksBinary(data)) return { path: rel, content: "", size, truncated: false, binary: true };
    return { path: rel, content: data.toString("utf8"), size, truncated: size > bytesRead, binary: false };
  } finally {
    await fh.close();
  }
}

/** Creates or replaces a file (and its missing parent directories). */
export async function writeWorkspaceFile(dir: string, p: string, content: string): Promise<{ path: string; bytes: number; created: boolean }> {
  const rel = relativePath(p);
  const bytes = Buffer.byteLength(content);
  if (bytes > MAX_WRITE_BYTES) throw new AppError("payload_too_large", `content for "${p}" is ${bytes} bytes; at most ${MAX_WRITE_BYTES} may be written at once`);
  const root = await workspaceRoot(dir);
  const segments = rel.split("/");
  let current = root;
  for (const seg of segments.slice(0, -1)) {
    current = path.join(current, seg);
    const st = await lstat(current).catch(() => null);
    const shown = path.relative(root, current);
    if (!st) {
      await mkdir(current, { mode: 0o755 });
      await giveToSandbox(current);
    } else if (st.isSymbolicLink()) {
      throw pathError(p, `goes through the symbolic link "${shown}"; writing through links is refused`);
    } else if (!st.isDirectory()) {
      throw pathError(p, `needs "${shown}" to be a directory, and it is a file`);
    }
  }
  const target = path.join(current, segments[segments.length - 1]!);
  const st = await lstat(target).catch(() => null);
  if (st?.isSymbolicLink()) throw pathError(p, "is a symbolic link; writing through links is refused");
  if (st && !st.isFile()) throw pathError(p, st.isDirectory() ? "is a directory" : "is not a regular file");
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  const fh = await open(target, flags, 0o644);
  try {
    await fh.writeFile(content, "utf8");
  } finally {
    await fh.close();
  }
  if (!st) await giveToSandbox(target);
  return { path: rel, bytes, created: !st };
}
