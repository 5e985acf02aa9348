// Figure (i), measured in a process like a worker (bench/sandbox-start.ts starts it): the worker's
// modules loaded and its database client warmed, as the worker has them when it starts sandboxes.
// Sandbox start to first command: runInSandbox(`true`) in a prepared workspace, one after another,
// timed from the call to the result. Baseline: bare bubblewrap with the same namespaces, mounts and
// identity running the same `true`, started from a shell (one long-lived /bin/sh, as sandboxes
// start from the long-lived spawner process), timed from writing the command line to the shell
// to reading its exit status back; the two alternate start by start. What the ratio shows is the
// sandbox's own work: limits, generated /etc, pipes, the spawner round trip.
// Then the same with network granted, printed, no target: open (slirp4netns connecting the
// sandbox's namespace) and through the egress proxy (the proxy, its socket and the socat bridge).
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import type { NetworkGrant } from "../server/policy/egress-rules";
import { runInSandbox } from "../server/sandbox/run-in-sandbox";
import { BWRAP_PATH, hostRootEntries, sandboxHostIds } from "../server/sandbox/sandbox-host";
import { sandboxNetworkAvailability } from "../server/sandbox/sandbox-network";
import { makeTempWorkspace } from "../server/sandbox/temp-workspace";
import { figure, recordedFigures } from "./figure";
import { cpuMeter, fmt, heading, ms, summarise, target } from "./stats";

function bareArgs(dir: string): string[] {
  const roots = hostRootEntries().flatMap((e) => (e.symlink !== undefined ? ["--symlink", e.symlink, `/${e.name}`] : ["--ro-bind", `/${e.name}`, `/${e.name}`]));
  return ["--unshare-all", "--ro-bind", "/usr", "/usr", ...roots, "--proc", "/proc", "--dev", "/dev", "--bind", dir, "/workspace",
    "--uid", "65534", "--gid", "65534", "--clearenv", "--new-session", "--die-with-parent", "--", "/usr/bin/true"];
}

const quote = (a: string) => `'${a.replaceAll("'", `'\\''`)}'`;

/** A shell that starts bare bubblewrap on request; each start answers its time. */
function bareShell(args: string[]): { start: () => Promise<number>; close: () => void } {
  const ids = sandboxHostIds();
  const sh = spawn("/bin/sh", [], { stdio: ["pipe", "pipe", "inherit"], cwd: "/", ...(ids.drop ? { uid: ids.uid, gid: ids.gid } : {}) });
  const line = `${[BWRAP_PATH, ...args].map(quote).join(" ")} </dev/null >/dev/null 2>&1; echo "bare $?"\n`;
  let waiting: ((status: string) => void) | undefined;
  let out = "";
  sh.once("exit", (code, signal) => waiting?.(`the shell ended (${code ?? signal})`));
  sh.stdout!.on("data", (c: Buffer) => {
    out += c.toString();
    const m = /bare (\d+)\n/.exec(out);
    if (m) {
      out = out.slice(m.index + m[0].length);
      waiting?.(m[1] === "0" ? "ok" : `exit status ${m[1]}`);
    }
  });
  return {
    start: () => new Promise((resolve, reject) => {
      const t0 = performance.now();
      waiting = (status) => (status === "ok" ? resolve(performance.now() - t0) : reject(new Error(`bare bwrap from a shell: ${status}`)));
      sh.stdin!.write(line);
    }),
    close: () => sh.stdin!.end(),
  };
}

async function measure(n = 200): Promise<void> {
  heading("(i) sandbox start to first command: runInSandbox(true), sequential, in a worker-like process");
  const ws = await makeTempWorkspace("fleetgate-bench-");
  try {
    const shell = bareShell(bareArgs(ws.dir));
    const sandboxed: number[] = [];
    const bare: number[] = [];
    try {
      for (let i = 0; i < 10; i++) { // warm caches
        await runInSandbox(ws.dir, { argv: ["true"] });
        await shell.start();
      }
      const cpu = cpuMeter();
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const r = await runInSandbox(ws.dir, { argv: ["true"] });
        sandboxed.push(performance.now() - t0);
        if (r.exitCode !== 0) throw new Error(`sandboxed true failed: ${r.stderr.trim()}`);
        bare.push(await shell.start());
      }
      console.log(`  cpu (both): ${cpu()}; this process's RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
    } finally {
      shell.close();
    }
    const s = summarise(sandboxed);
    const b = summarise(bare);
    console.log(`  runInSandbox            n=${fmt(n)}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}`);
    console.log(`  bare bwrap from a shell n=${fmt(n)}  p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  max ${ms(b.max)}  (no limits, no generated /etc, no pipes)`);
    const is = "bare bwrap, same namespaces and mounts, started from a shell";
    figure("(i) sandbox start p50", s.p50, "ms", { value: b.p50, is });
    figure("(i) sandbox start p95", s.p95, "ms", { value: b.p95, is });
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
  figure(`(i) sandbox start with ${mode === "open" ? "open network" : "the egress proxy"} p95`, s.p95, "ms");
}

// What workers/main.ts loads and does before its first job.
await import("../server/jobs/start-workers");
const { db, disconnectDb } = await import("../server/db/client");
await db.tenant.findFirst({ select: { id: true } });
await measure();
await disconnectDb();
process.send?.({ figures: recordedFigures() });
process.disconnect?.();
