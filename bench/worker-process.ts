// A worker process for the bench (workers/main.ts), on the figure's queues and settings, resolved
// once it says it is consuming; its warnings are printed as part of what the figure shows.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

export type WorkerProcess = { pid: number; child: ChildProcess; kill: (signal: NodeJS.Signals) => Promise<void> };

export async function spawnWorker(env: Record<string, string>, args: string[] = [], children?: Set<ChildProcess>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts", ...args], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children?.add(child);
  child.once("exit", () => children?.delete(child));
  child.stderr!.on("data", (c: Buffer) => process.stderr.write(`  [worker ${child.pid}] ${c.toString().trimEnd().split("\n").join(`\n  [worker ${child.pid}] `)}\n`));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => { if (c.toString().includes("fleetgate worker: consuming")) resolve(); });
    child.once("exit", (code, signal) => reject(new Error(`a bench worker exited with ${code ?? signal} before it started`)));
  });
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill(signal);
    await exited;
  };
  return { pid: child.pid!, child, kill };
}

/** Stops every child still running: SIGTERM, then SIGKILL after 20 s. */
export async function stopWorkers(children: Set<ChildProcess>): Promise<void> {
  await Promise.all([...children].map(async (c) => {
    if (c.exitCode !== null || c.signalCode !== null) return;
    const exited = once(c, "exit");
    c.kill("SIGTERM");
    const timer = setTimeout(() => c.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  }));
}
