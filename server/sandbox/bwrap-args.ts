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

// A host-limited grant: the sandbox keeps no route out; socat (started first, inside the sandbox)
// bridges 127.0.0.1:3128 to the egress proxy's Unix socket, and the standard proxy variables point
// there. The command starts once the bridge listens (its socket is in /proc/net/tcp, state 0A).
export const EGRESS_SOCKET = "/run/fleetgate/egress.sock";
export const SOCAT_PATH = "/usr/bin/socat";
const PROXY_URL = "http://127.0.0.1:3128";
export const PROXY_ENV = {
  HTTP_PROXY: PROXY_URL, HTTPS_PROXY: PROXY_URL, http_proxy: PROXY_URL, https_proxy: PROXY_URL,
  NO_PROXY: "localhost,127.0.0.1", no_proxy: "localhost,127.0.0.1",
} as const;
const BRIDGE = [
  `${SOCAT_PATH} TCP4-LISTEN:3128,bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:${EGRESS_SOCKET} 2>/dev/null &`,
  "n=0",
  "until grep -qs ' 0100007F:0C38 00000000:0000 0A ' /proc/net/tcp; do",
  '  n=$((n+1)); if [ $n -gt 500 ]; then echo "sandbox: the egress bridge did not start" >&2; exit 125; fi',
  "done",
  'exec "$@"',
].join("\n");

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
  /** open: slirp4netns connects the namespace; proxy: only the egress proxy's socket, bridged. */
  network: null | { mode: "open" } | { mode: "proxy"; socketPath: string };
  limits: SandboxLimits;
  argv: string[];
  /** The workspace bound read-only. */
  readOnly?: boolean;
};

export function bwrapPlan(p: PlanInput): BwrapPlan {
  // Always a network namespace of its own (never --share-net): with open network it is connected to
  // the outside by slirp4netns (sandbox-network.ts), never to the host's loopback.
  const args: string[] = ["--unshare-all", "--unshare-user", "--disable-userns", "--hostname", "sandbox"];
  args.push("--ro-bind", "/usr", "/usr");
  for (const e of hostRootEntries()) {
    if (e.symlink !== undefined) args.push("--symlink", e.symlink, `/${e.name}`);
    else args.push("--ro-bind", `/${e.name}`, `/${e.name}`);
  }
  args.push("--perms", "0755", "--dir", "/etc");
  const fdData: Buffer[] = [];
  const firstDataFd = 4; // fd 3 carries these arguments
  const mode = p.network?.mode ?? null;
  const etc = mode === "open" ? { ...GENERATED_ETC, "resolv.conf": NETWORK_RESOLV } : GENERATED_ETC;
  for (const [name, content] of Object.entries(etc)) {
    args.push("--perms", "0644", "--ro-bind-data", String(firstDataFd + fdData.length), `/etc/${name}`);
    fdData.push(Buffer.from(content));
  }
  for (const path of [...HOST_ETC, ...(mode ? NETWORK_ETC : [])]) args.push("--ro-bind-try", path, path);
  if (p.network?.mode === "proxy") args.push("--ro-bind", p.network.socketPath, EGRESS_SOCKET);
  args.push(
    "--proc", "/proc",
    "--dev", "/dev",
    // /dev is a tmpfs as large as half the host's memory: read-only, with a small /dev/shm.
    "--size", String(SHM_BYTES), "--perms", "1777", "--tmpfs", "/dev/shm",
    "--remount-ro", "/dev",
    // Files in /tmp are memory the address-space limit does not see; bound them separately.
    "--size", String(p.limits.memoryBytes), "--perms", "1777", "--tmpfs", "/tmp",
    p.readOnly ? "--ro-bind" : "--bind", p.workspaceDir, SANDBOX_WORKSPACE,
    "--remount-ro", "/",
    "--chdir", p.cwd,
    "--uid", String(SANDBOX_UID), "--gid", String(SANDBOX_GID),
    "--clearenv",
  );
  for (const [k, v] of Object.entries({ ...p.env, ...(mode === "proxy" ? PROXY_ENV : {}), ...FIXED_ENV })) args.push("--setenv", k, v);
  args.push("--new-session", "--die-with-parent", "--cap-drop", "ALL");
  const data = [Buffer.from(""), ...fdData]; // fd 3's contents are known only once args is complete
  let control: BwrapPlan["control"];
  if (mode === "open") {
    control = { infoFd: 3 + data.length, blockFd: 4 + data.length };
    args.push("--info-fd", String(control.infoFd), "--block-fd", String(control.blockFd));
  }
  data[0] = Buffer.from(args.map((a) => `${a}\0`).join(""));
  // bubblewrap takes the command itself only from its command line.
  const argv = mode === "proxy" ? ["/bin/sh", "-c", BRIDGE, "sandbox", ...p.argv] : p.argv;
  return { argv: ["--args", "3", "--", ...prlimitArgv(p.limits), ...argv], fdData: data, ...(control ? { control } : {}) };
}
