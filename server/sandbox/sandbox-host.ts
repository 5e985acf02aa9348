// What the host must provide to run sandboxes, and which host identity runs them.
//
// Ownership scheme: every sandboxed process is uid/gid 65534 inside. On the host it runs as
// SANDBOX_HOST_IDS: when Fleetgate itself runs as root, bubblewrap is started as host uid/gid
// 65534 (nobody), never as root, because the kernel exempts real uid 0 from RLIMIT_NPROC (a fork
// bomb would be unbounded) and a sandbox escape would land as root. Otherwise bubblewrap runs as
// Fleetgate's own user (unprivileged user namespaces must be allowed). Workspaces are owned by
// that host identity so the sandbox can write them.
import { accessSync, constants, lstatSync, readlinkSync } from "node:fs";
import { AppError } from "../core/app-error";

export const BWRAP_PATH = "/usr/bin/bwrap";
export const PRLIMIT_PATH = "/usr/bin/prlimit";
export const GIT_PATH = "/usr/bin/git";
export const NSENTER_PATH = "/usr/bin/nsenter";

/** The identity inside the sandbox (nobody/nogroup). */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

export type HostIds = {
  uid: number;
  gid: number;
  /** True when this process is root and drops to uid/gid to start bubblewrap. */
  drop: boolean;
};

export function sandboxHostIds(): HostIds {
  const uid = process.getuid?.() ?? -1;
  const gid = process.getgid?.() ?? -1;
  return uid === 0 ? { uid: SANDBOX_UID, gid: SANDBOX_GID, drop: true } : { uid, gid, drop: false };
}

const REQUIRED = [
  { path: BWRAP_PATH, pkg: "bubblewrap" },
  { path: PRLIMIT_PATH, pkg: "util-linux" },
] as const;

let checked = false;

/** Throws AppError("unavailable") naming the Debian package when a tool the sandbox needs is missing. */
export function assertSandboxAvailable(): void {
  if (checked) return;
  for (const { path, pkg } of REQUIRED) {
    try {
      accessSync(path, constants.X_OK);
    } catch {
      throw new AppError("unavailable", `the run sandbox is unavailable: ${path} is missing (install the Debian package "${pkg}")`, { path, package: pkg });
    }
  }
  checked = true;
}

export type RootEntry = { name: string; symlink?: string };

let rootEntries: RootEntry[] | undefined;

/**
 * /bin, /lib, /lib64 and /sbin as this host has them: merged-/usr systems make them symlinks
 * into /usr (recreated as symlinks), older ones real directories (bound read-only).
 */
export function hostRootEntries(): RootEntry[] {
  if (rootEntries) return rootEntries;
  const out: RootEntry[] = [];
  for (const name of ["bin", "sbin", "lib", "lib64", "lib32", "libx32"]) {
    try {
      const st = lstatSync(`/${name}`);
      if (st.isSymbolicLink()) out.push({ name, symlink: readlinkSync(`/${name}`) });
      else if (st.isDirectory()) out.push({ name });
    } catch {
      // absent on this host
    }
  }
  rootEntries = out;
  return out;
}
