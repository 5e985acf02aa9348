// Confines a path an agent names to its workspace. Refused: absolute paths, any ".." segment,
// anything inside a .git directory, and links whose real path leaves the workspace. The checks
// run on the host between sandboxed commands, when nothing inside the sandbox is running (its
// processes die with the command), so what they see stays true while the file tools act.
import { constants } from "node:fs";
import { lstat, open, realpath, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../core/app-error";

export function pathError(p: string, why: string): AppError {
  return new AppError("validation_failed", `path "${p}" ${why}`, { issues: [{ path: "path", message: why }], path: p });
}

const isGitDir = (segment: string) => segment.toLowerCase() === ".git";

/** The normalised relative path ("" for the root), after the purely textual checks. */
export function relativePath(p: string, opts: { allowRoot?: boolean } = {}): string {
  if (typeof p !== "string" || p.includes("\0")) throw pathError(String(p), "is not a valid path");
  if (path.isAbsolute(p)) throw pathError(p, "escapes the workspace: give a path relative to the workspace root");
  const segments = p.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) throw pathError(p, `escapes the workspace: ".." is not allowed`);
  if (segments.some(isGitDir)) throw pathError(p, "is inside .git, which the file tools may not touch");
  if (segments.length === 0 && !opts.allowRoot) throw pathError(p, "names the workspace itself, not a file");
  return segments.join("/");
}

export async function workspaceRoot(dir: string): Promise<string> {
  try {
    return await realpath(dir);
  } catch {
    throw new AppError("not_found", `workspace ${dir} not found`);
  }
}

/** The real absolute path of p, refused unless it stays in the workspace and outside .git. */
export async function resolveInside(root: string, p: string, rel: string): Promise<string> {
  const joined = rel === "" ? root : path.join(root, rel);
  let real: string;
  try {
    real = await realpath(joined);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new AppError("not_found", `path "${p}" does not exist`, { path: p });
    if (code === "ELOOP") throw pathError(p, "is a symbolic link loop");
    throw e;
  }
  if (real !== root && !real.startsWith(root + path.sep)) throw pathError(p, "is a symbolic link that escapes the workspace");
  if (path.relative(root, real).split(path.sep).some(isGitDir)) throw pathError(p, "is a symbolic link into .git, which the file tools may not touch");
  return real;
}

/**
 * Opens a regular file for reading without following a final link or blocking on a FIFO the
 * sandbox may have left, and checks on the open descriptor that it is a regular file.
 */
export async function openRegular(real: string, p: string): Promise<{ fh: FileHandle; size: number }> {
  const fh = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ELOOP") throw pathError(p, "changed into a symbolic link");
    throw e;
  });
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    throw pathError(p, st.isDirectory() ? "is a directory, not a file" : "is not a regular file");
  }
  return { fh, size: st.size };
}

/** git's rule: a NUL byte in the first 8000 bytes makes a file binary. */
export function looksBinary(head: Buffer): boolean {
  return head.subarray(0, 8000).includes(0);
}

/**
 * Before any file leaves the sandbox (an artifact, a PR's content): the path must stay in the
 * workspace once links are resolved and name a regular file. Returns its real relative path.
 */
export async function checkExportable(dir: string, p: string): Promise<{ path: string; size: number }> {
  const rel = relativePath(p);
  const root = await workspaceRoot(dir);
  const real = await resolveInside(root, p, rel);
  const st = await lstat(real);
  if (!st.isFile()) throw pathError(p, "is not a regular file");
  return { path: path.relative(root, real).split(path.sep).join("/"), size: st.size };
}
