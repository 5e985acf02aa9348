// Figure (i), measured in a process like a worker (bench/sandbox-start.ts starts it): the worker's
// modules loaded and its database client warmed, as the worker has them when it starts sandboxes.
// A process's size matters: Node forks the whole process to start a child, which is why
// sandboxes start from the small spawner process (server/sandbox/spawner.ts); the bare bwrap
// line starts from this process, for comparison.
// Sandbox start to first command: runInSandbox(`true`) in a prepared workspace, one
// after another, timed from the call to the result; beside it a bare bubblewrap start with the
// same namespaces, as the floor the sandbox's own work (limits, generated /etc, pipes) adds to.
// Then the same with network granted, printed, no target: open (slirp4netns connecting the
// sandbox's namespace) and through the egress proxy (the proxy, its socket and the socat bridge).
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import type { NetworkGrant } from "../server/policy/egress-rules";
import { runInSandbox } from "../server/sandbox/run-in-sandbox";
import { BWRAP_PATH, hostRootEntries, sandboxHostIds } from "../server/sandbox/sandbox-host";
import { sandboxNetworkAvailability } from "../server/sandbox/sandbox-network";
import { makeTempWorkspace } from "../server/sandbox/temp-workspace";
import { cpuMeter, fmt, heading, ms, summarise, target } from "./stats";

function bareArgs(dir: string): string[] {
  const roots = hostRootEntries().flatMap((e) => (e.symlink !== undefined ? ["--symlink", e.symlink, `/${e.name}`] : ["--ro-bind", `/${e.name}`, `/${e.name}`]));
  return ["--unshare-all", "--ro-bind", "/usr", "/usr", ...roots, "--proc", "/proc", "--dev", "/dev", "--bind", dir, "/workspace",
    "--uid", "65534", "--gid", "65534", "--clearenv", "--new-session", "--die-with-parent", "--", "/usr/bin/true"];
}

function bareStart(args: string[]): Promise<number> {
  const ids = sandboxHostIds();
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(BWRAP_PATH, args, { stdio: "ignore", cwd: "/", ...(ids.drop ? { uid: ids.uid, gid: ids.gid } : {}) });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`bare bwrap exited ${code}`))));
  });
}

async function measure(n = 200): Promise<void> {
  heading("(i) sandbox start to first command: runInSandbox(true), sequential, in a worker-like process");
  const ws = await makeTempWorkspace("fleetgate-bench-");
  try {
    for (let i = 0; i < 10; i++) await runInSandbox(ws.dir, { argv: ["true"] }); // warm caches
    const cpu = cpuMeter();
    const sandboxed: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = await runInSandbox(ws.dir, { argv: ["true"] });
      sandboxed.push(performance.now() - t0);
      if (r.exitCode !== 0) throw new Error(`sandboxed true failed: ${r.stderr.trim()}`);
    }
    const cpuText = cpu();
    const args = bareArgs(ws.dir);
    const bare: number[] = [];
    for (let i = 0; i < n; i++) bare.push(await bareStart(args));
    const s = summarise(sandboxed);
    const b = summarise(bare);
    console.log(`  runInSandbox   n=${fmt(n)}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (${cpuText}; this process's RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB)`);
    console.log(`  bare bwrap     n=${fmt(n)}  p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  max ${ms(b.max)}  (spawned from this process, not the spawner: no limits, no /etc, no --args pipe)`);
    console.log(`  ${target(s.p95 < 25, "p95 < 25 ms")}`);
    for (const mode of ["open", "proxy"] as const) await benchWithNetwork(ws.dir, Math.max(1, Math.round(n / 4)), mode);
  } finally {
    await ws.remove();
  }
}

const GRANTS = {
  open: { grant: { mode: "open" }, label: "open network ", what: "slirp4netns + a prohibit route" },
  proxy: { grant: { mode: "proxy", profile: "package_registries", hosts: [] }, label: "egress proxy  ", what: "proxy + socat bridge" },
} as const satisfies Record<string, { grant: NetworkGrant; label: string; what: string }>;

async function benchWithNetwork(dir: string, n: number, mode: keyof typeof GRANTS): Promise<void> {
  const { grant, label, what } = GRANTS[mode];
  const can = sandboxNetworkAvailability(mode);
  if (!can.available) {
    console.log(`  ${label} not measured: ${can.reason}`);
    return;
  }
  const network = grant as NetworkGrant;
  for (let i = 0; i < 3; i++) await runInSandbox(dir, { argv: ["true"], network }); // warm caches
  const cpu = cpuMeter();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await runInSandbox(dir, { argv: ["true"], network });
    times.push(performance.now() - t0);
    if (r.exitCode !== 0) throw new Error(`sandboxed true with network failed: ${r.stderr.trim()}`);
  }
  const s = summarise(times);
  console.log(`  ${label} n=${fmt(n)}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (${cpu()}; ${what}, no target)`);
}

// What workers/main.ts loads and does before its first job.
await import("../server/jobs/start-workers");
const { db, disconnectDb } = await import("../server/db/client");
await db.tenant.findFirst({ select: { id: true } });
await measure();
await disconnectDb();
