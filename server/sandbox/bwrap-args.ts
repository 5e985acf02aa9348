// The bubblewrap invocation for one command. Everything is passed through a pipe (--args), not
// the command line, so environment values never show in the host's process list; the few /etc
// files programs need are generated and passed the same way, never bound from the host's /etc.
import { hostRootEntries, SANDBOX_GID, SANDBOX_UID } from "./sandbox-host";
import { prlimitArgv } from "./sandbox-limits";
import type { SandboxLimits } from "./types";

export const SANDBOX_WORKSPACE = "/workspace";
const SHM_BYTES = 64 * 1024 ** 2;
export const FIXED_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/tmp", LANG: "C.UTF-8" } as const;

const GENERATED_ETC: Record<string, string> = {
  passwd: `root:x:0:0:root:/nonexistent:/usr/sbin/nologin\nnobody:x:${SANDBOX_UID}:${SANDBOX_GID}:nobody:/tmp:/usr/sbin/nologin\n`,
  group: `root:x:0:\nnogroup:x:${SANDBOX_GID}:\n`,
  hosts: "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n",
  "nsswitch.conf": "passwd: files\ngroup: files\nhosts: files dns\n",
};

// Read-only host files that carry no secrets and that ordinary tools look for: Debian's
// alternatives symlinks (awk, editor, ...), the linker cache and the time zone.
const HOST_ETC = ["/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime"];
// Only with network: the public CA bundle (never /etc/ssl/private). Name resolution is generated:
// slirp4netns answers DNS at 10.0.2.3 (the host's resolv.conf may name a loopback resolver, which the
// sandbox's own namespace cannot see).
const NETWORK_ETC = ["/etc/ssl/certs", "/etc/ca-certificates"];
const NETWORK_RESOLV = "nameserver 10.0.2.3\noptions timeout:2 attempts:2\n";

export type BwrapPlan = {
  /** bubblewrap's own argv: the command; every option arrives on fd 3. */
  argv: string[];
  /** Written to fds 3, 4, ... in order, each then closed. */
  fdData: Buffer[];
  /**
   * With network, the two fds after fdData: bubblewrap writes the sandbox's pid to infoFd (JSON) and
   * holds the command until a byte arrives on blockFd, so the network is up before the command runs.
   */
  control?: { infoFd: number; blockFd: number };
};

export type PlanInput = {
  workspaceDir: string;
  /** Path inside the sandbox, already confined to /workspace. */
  cwd: string;
  env: Record<string, string>;
  network: boolean;
  limits: SandboxLimits;
  argv: string[];
};

export function bwrapPlan(p: PlanInput): BwrapPlan {
  // Always a network namespace of its own (never --share-net): with network it is connected to the
  // outside by slirp4netns (sandbox-network.ts), never to the host's loopback.
  const args: string[] = ["--unshare-all", "--unshare-user", "--disable-userns", "--hostname", "sandbox"];
  args.push("--ro-bind", "/usr", "/usr");
  for (const e of hostRootEntries()) {
    if (e.symlink !== undefined) args.push("--symlink", e.symlink, `/${e.name}`);
    else args.push("--ro-bind", `/${e.name}`, `/${e.name}`);
  }
  args.push("--perms", "0755", "--dir", "/etc");
  const fdData: Buffer[] = [];
  const firstDataFd = 4; // fd 3 carries these arguments
  const etc = p.network ? { ...GENERATED_ETC, "resolv.conf": NETWORK_RESOLV } : GENERATED_ETC;
  for (const [name, content] of Object.entries(etc)) {
    args.push("--perms", "0644", "--ro-bind-data", String(firstDataFd + fdData.length), `/etc/${name}`);
    fdData.push(Buffer.from(content));
  }
  for (const path of [...HOST_ETC, ...(p.network ? NETWORK_ETC : [])]) args.push("--ro-bind-try", path, path);
  args.push(
    "--proc", "/proc",
    "--dev", "/dev",
    // /dev is a tmpfs as large as half the host's memory: read-only, with a small /dev/shm.
    "--size", String(SHM_BYTES), "--perms", "1777", "--tmpfs", "/dev/shm",
    "--remount-ro", "/dev",
    // Files in /tmp are memory the address-space limit does not see; bound them separately.
    "--size", String(p.limits.memoryBytes), "--perms", "1777", "--tmpfs", "/tmp",
    "--bind", p.workspaceDir, SANDBOX_WORKSPACE,
    "--remount-ro", "/",
    "--chdir", p.cwd,
    "--uid", String(SANDBOX_UID), "--gid", String(SANDBOX_GID),
    "--clearenv",
  );
  for (const [k, v] of Object.entries({ ...p.env, ...FIXED_ENV })) args.push("--setenv", k, v);
  args.push("--new-session", "--die-with-parent", "--cap-drop", "ALL");
  const data = [Buffer.from(""), ...fdData]; // fd 3's contents are known only once args is complete
  let control: BwrapPlan["control"];
  if (p.network) {
    control = { infoFd: 3 + data.length, blockFd: 4 + data.length };
    args.push("--info-fd", String(control.infoFd), "--block-fd", String(control.blockFd));
  }
  data[0] = Buffer.from(args.map((a) => `${a}\0`).join(""));
  // bubblewrap takes the command itself only from its command line.
  return { argv: ["--args", "3", "--", ...prlimitArgv(p.limits), ...p.argv], fdData: data, ...(control ? { control } : {}) };
}
