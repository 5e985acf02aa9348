// Gives a workspace to the host identity that runs the sandbox (see sandbox-host.ts), so the
// sandboxed command can write it, and checks that identity can reach it at all.
import { lchown, lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../core/app-error";
import { sandboxHostIds } from "./sandbox-host";

/** lchown every entry below and including root; symlinks are changed, never followed. */
export async function chownTree(root: string, uid: number, gid: number): Promise<void> {
  await lchown(root, uid, gid);
  const entries = await readdir(root, { withFileTypes: true });
  for (const e of entries) {
    const p = path.join(root, e.name);
    if (e.isDirectory()) await chownTree(p, uid, gid);
    else await lchown(p, uid, gid);
  }
}

/** When this process is root, new files and directories are handed to the sandbox's host uid. */
export async function giveToSandbox(p: string, recursive = false): Promise<void> {
  const ids = sandboxHostIds();
  if (!ids.drop) return;
  if (recursive) await chownTree(p, ids.uid, ids.gid);
  else await lchown(p, ids.uid, ids.gid);
}

/**
 * bubblewrap opens the workspace as the sandbox's host uid: every parent directory must be
 * searchable by it (e.g. a RUNS_DIR under /root, mode 0700, is not).
 */
export async function assertReachable(dir: string): Promise<void> {
  const ids = sandboxHostIds();
  if (!ids.drop) return;
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    const st = await lstat(current);
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) {
      throw new AppError(
        "unavailable",
        `the sandbox user (uid ${ids.uid}) cannot reach ${dir}: ${current} (mode ${(st.mode & 0o777).toString(8)}) is not searchable by it; ` +
          `put RUNS_DIR under directories others may enter`,
        { dir, blockedAt: current },
      );
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
