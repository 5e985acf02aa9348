// Open network for a sandboxed command that was granted it (host-limited grants go through the
// egress proxy instead: egress-proxy.ts). The sandbox always has a network namespace of
// its own; here slirp4netns connects it to the outside through a user-mode TCP/IP stack on the host:
// the command sees a tap0 at 10.0.2.100, gateway 10.0.2.2, DNS 10.0.2.3, and every connection it
// makes is re-made by slirp4netns as an ordinary host socket. --disable-host-loopback refuses
// 10.0.2.2 (which slirp would otherwise map to the host's 127.0.0.1, where PostgreSQL and Redis
// listen with trust auth); the sandbox's own 127.0.0.1 is its own loopback. Link-local addresses
// (169.254.0.0/16: cloud metadata services hand out credentials there) are routed to "prohibit"
// inside the namespace, which the command, without capabilities, cannot undo.
//
// Why root: slirp4netns must open /dev/net/tun (0600 root on these hosts) inside the sandbox's
// namespace, and join that namespace from the host. It runs with --enable-sandbox (an empty root of
// its own, every capability dropped but CAP_NET_BIND_SERVICE) and --enable-seccomp.
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { open, readFile, type FileHandle } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import { SOCAT_PATH } from "./bwrap-args";
import { NSENTER_PATH, sandboxHostIds } from "./sandbox-host";
import type { Output } from "./spawner";

export const SLIRP4NETNS_PATH = "/usr/bin/slirp4netns";
export const IP_PATH = "/usr/sbin/ip";
const TUN_PATH = "/dev/net/tun";
/** Routed to "prohibit" inside the sandbox: link-local, where cloud metadata services answer. */
export const PROHIBITED_ROUTES = ["169.254.0.0/16"] as const;
const SETUP_MS = 10_000;
const STDERR_KEPT = 4_096;

const NEEDED = [
  { path: SLIRP4NETNS_PATH, pkg: "slirp4netns" },
  { path: NSENTER_PATH, pkg: "util-linux" },
  { path: IP_PATH, pkg: "iproute2" },
] as const;

export type NetworkAvailability = { available: true } | { available: false; reason: string };

/**
 * Whether this host can give a sandboxed command network of this mode; the reason says what is
 * missing. proxy needs only socat in the sandbox (the egress proxy runs in the worker).
 */
export function sandboxNetworkAvailability(mode: "open" | "proxy"): NetworkAvailability {
  if (mode === "proxy") {
    try {
      accessSync(SOCAT_PATH, constants.X_OK);
      return { available: true };
    } catch {
      return { available: false, reason: `sandbox network is unavailable: ${SOCAT_PATH} is missing (install the Debian package "socat")` };
    }
  }
  if (!sandboxHostIds().drop) {
    return { available: false, reason: "sandbox network needs the worker to run as root (slirp4netns opens /dev/net/tun and joins the sandbox's network namespace from the host)" };
  }
  for (const { path, pkg } of NEEDED) {
    try {
      accessSync(path, constants.X_OK);
    } catch {
      return { available: false, reason: `sandbox network is unavailable: ${path} is missing (install the Debian package "${pkg}")` };
    }
  }
  try {
    accessSync(TUN_PATH, constants.R_OK | constants.W_OK);
  } catch {
    return { available: false, reason: `sandbox network is unavailable: ${TUN_PATH} is missing or not usable (load the tun module)` };
  }
  return { available: true };
}

export class SandboxNetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxNetworkError";
  }
}

export type SandboxNetwork = {
  /** Resolves once the namespace is connected and the command has been released; rejects on failure. */
  ready: Promise<void>;
  /** Stops slirp4netns (idempotent); resolves once it has exited. */
  stop(): Promise<void>;
};

/**
 * Connects the namespace of the sandbox whose pid bubblewrap writes to `info`, then writes the byte
 * on `block` that lets the command start. The command never runs unless this succeeded: on any
 * failure nothing is written to `block`, and the caller kills the sandbox.
 */
export function connectSandboxNetwork(info: Output, block: Writable, blockFd: number): SandboxNetwork {
  const children: ChildProcess[] = [];
  let stopped = false;
  const exits: Promise<void>[] = [];
  const track = (c: ChildProcess) => {
    children.push(c);
    exits.push(new Promise((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once("close", () => resolve()))));
    if (stopped) c.kill("SIGKILL");
  };

  const ready = (async () => {
    const pid = await readChildPid(info);
    if (stopped) throw new SandboxNetworkError("stopped before the network was up");
    const ns = await openNetns(pid);
    // bubblewrap's sandbox sets up its own loopback over netlink after it reported its pid; anyone
    // else configuring the namespace meanwhile makes that fail ("loopback: Failed RTM_NEWADDR"),
    // so nothing is touched until the sandbox waits on blockFd, its setup done.
    await withTimeout(waitUntilBlocked(pid, blockFd, () => stopped), SETUP_MS, "the sandbox did not finish its setup").catch(async (e: Error) => {
      await ns.close();
      throw e;
    });
    try {
      const slirp = startSlirp(ns, track);
      const routes = PROHIBITED_ROUTES.map((cidr) => runToEnd(NSENTER_PATH, ["--net=/proc/self/fd/3", "--", IP_PATH, "route", "add", "prohibit", cidr], ns, track));
      await ns.close(); // both children hold their own copy now
      await withTimeout(Promise.all([slirp, ...routes]), SETUP_MS, "slirp4netns did not report ready");
    } finally {
      await ns.close().catch(() => {});
    }
    if (stopped) throw new SandboxNetworkError("stopped before the network was up");
    await new Promise<void>((resolve, reject) => block.write("1", (e) => (e ? reject(new SandboxNetworkError(`could not release the sandbox: ${e.message}`)) : resolve())));
  })();
  ready.catch(() => {}); // the caller awaits it; an unawaited rejection must not crash the worker

  return {
    ready,
    async stop() {
      stopped = true;
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
      await Promise.all(exits);
    },
  };
}

/** bubblewrap's --info-fd JSON: { "child-pid": n }. It may keep the fd open, so parse as data comes. */
function readChildPid(info: Output): Promise<number> {
  return withTimeout(
    new Promise<number>((resolve, reject) => {
      let text = "";
      const done = (e?: Error, pid?: number) => {
        info.off("data", onData).off("end", onEnd).off("error", onEnd);
        if (e) reject(e);
        else resolve(pid!);
      };
      const onData = (d: Buffer) => {
        text += d.toString("utf8");
        try {
          const pid = (JSON.parse(text) as Record<string, unknown>)["child-pid"];
          if (typeof pid === "number" && Number.isInteger(pid) && pid > 1) done(undefined, pid);
          else done(new SandboxNetworkError(`bubblewrap reported no child pid: ${text.slice(0, 200)}`));
        } catch {
          // incomplete JSON: wait for more
        }
      };
      const onEnd = () => done(new SandboxNetworkError("bubblewrap exited before the sandbox started (its error is in the command's output)"));
      info.on("data", onData).on("end", onEnd).on("error", onEnd);
    }),
    SETUP_MS,
    "bubblewrap did not report the sandbox's pid",
  );
}

/** Polls /proc/<pid>/syscall until the process sleeps in a call whose first argument is fd (read(fd, ...)). */
async function waitUntilBlocked(pid: number, fd: number, stopped: () => boolean): Promise<void> {
  const want = `0x${fd.toString(16)}`;
  for (;;) {
    if (stopped()) throw new SandboxNetworkError("stopped before the network was up");
    const [nr, arg0] = (await readFile(`/proc/${pid}/syscall`, "utf8").catch(() => "gone")).split(" ");
    if (nr === "gone") throw new SandboxNetworkError("the sandbox ended before its network was set up (its error is in the command's output)");
    if (nr !== "running" && arg0 === want) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * The sandbox's network namespace, opened once so that every later step works on this namespace
 * even if the pid were reused; never the host's own (configuring that would re-route the host).
 */
async function openNetns(pid: number): Promise<FileHandle> {
  const fh = await open(`/proc/${pid}/ns/net`, "r").catch((e: Error) => {
    throw new SandboxNetworkError(`the sandbox's network namespace is gone: ${e.message}`);
  });
  const [mine, theirs] = [statSync("/proc/self/ns/net"), await fh.stat()];
  if (mine.ino === theirs.ino && mine.dev === theirs.dev) {
    await fh.close();
    throw new SandboxNetworkError("refusing to connect the host's own network namespace");
  }
  return fh;
}

function startSlirp(ns: FileHandle, track: (c: ChildProcess) => void): Promise<void> {
  // fd 3: the namespace; fd 4: ready (slirp4netns writes "1"); fd 5: exit (slirp4netns ends when it
  // closes, so a worker that dies takes its slirp4netns with it).
  const child = spawn(
    SLIRP4NETNS_PATH,
    ["--configure", "--mtu=65520", "--disable-host-loopback", "--enable-sandbox", "--enable-seccomp",
      "--ready-fd=4", "--exit-fd=5", "--netns-type=path", "/proc/self/fd/3", "tap0"],
    { cwd: "/", env: {} as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "pipe", ns.fd, "pipe", "pipe"] },
  );
  track(child);
  const stderr = tail(child.stderr!);
  (child.stdio[5 as number] as Writable).on("error", () => {});
  return new Promise<void>((resolve, reject) => {
    (child.stdio[4 as number] as Readable).once("data", () => resolve());
    child.once("error", (e) => reject(new SandboxNetworkError(`slirp4netns could not start: ${e.message}`)));
    child.once("close", (code, signal) => reject(new SandboxNetworkError(`slirp4netns exited (${code ?? signal}) before the network was up: ${stderr().trim() || "no output"}`)));
  });
}

function runToEnd(file: string, args: string[], ns: FileHandle, track: (c: ChildProcess) => void): Promise<void> {
  const child = spawn(file, args, { cwd: "/", env: {} as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "pipe", ns.fd] });
  track(child);
  const stderr = tail(child.stderr!);
  return new Promise<void>((resolve, reject) => {
    child.once("error", (e) => reject(new SandboxNetworkError(`${args.slice(2).join(" ")} could not start: ${e.message}`)));
    child.once("close", (code, signal) =>
      code === 0 ? resolve() : reject(new SandboxNetworkError(`${args.slice(2).join(" ")} failed (${code ?? signal}): ${stderr().trim() || "no output"}`)),
    );
  });
}

function tail(stream: Readable): () => string {
  let kept = "";
  stream.on("data", (d: Buffer) => {
    kept = (kept + d.toString("utf8")).slice(-STDERR_KEPT);
  });
  return () => kept;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SandboxNetworkError(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
