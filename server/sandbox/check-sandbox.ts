// A self-check for a worker's start: can this host run the sandbox at all (bubblewrap and prlimit
// present, user namespaces allowed, a workspace reachable)? Better one clear error at start than
// every run failing with bubblewrap's message in a command's output. Network (open and through the
// egress proxy) is reported, not required: without it the sandbox still works, and commands granted
// network fail closed.
import { AppError } from "../core/app-error";
import { runInSandbox } from "./run-in-sandbox";
import { sandboxNetworkAvailability } from "./sandbox-network";
import { makeTempWorkspace } from "./temp-workspace";

export type SandboxNetworkCheck = { available: true; startMs: number } | { available: false; reason: string };

export type SandboxCheck = { startMs: number; network: { open: SandboxNetworkCheck; proxy: SandboxNetworkCheck } };

export async function checkSandbox(): Promise<SandboxCheck> {
  const ws = await makeTempWorkspace("fleetgate-check-");
  try {
    const r = await runInSandbox(ws.dir, { argv: ["sh", "-c", "id -u; echo ok > probe"], limits: { wallMs: 10_000 } });
    if (r.exitCode !== 0 || r.stdout !== "65534\n") {
      throw new AppError("unavailable", `the run sandbox does not work on this host: ${(r.stderr || r.stdout).trim() || `exit ${r.exitCode ?? r.signal}`}`);
    }
    return { startMs: Math.round(r.durationMs), network: { open: await checkOpen(ws.dir), proxy: await checkProxy(ws.dir) } };
  } finally {
    await ws.remove();
  }
}

/** A sandboxed command granted open network must see slirp4netns's tap0 as its default route (no packet leaves). */
async function checkOpen(dir: string): Promise<SandboxNetworkCheck> {
  const can = sandboxNetworkAvailability("open");
  if (!can.available) return can;
  try {
    const r = await runInSandbox(dir, { argv: ["cat", "/proc/net/route"], network: { mode: "open" }, limits: { wallMs: 10_000 } });
    if (r.exitCode === 0 && /^tap0\s+00000000\s/m.test(r.stdout)) return { available: true, startMs: Math.round(r.durationMs) };
    return { available: false, reason: `a sandboxed command granted network has no route out: ${(r.stderr || r.stdout).trim().slice(0, 300) || `exit ${r.exitCode ?? r.signal}`}` };
  } catch (e) {
    return { available: false, reason: (e as Error).message };
  }
}

/** A command granted a host-limited profile starts behind the egress bridge (here with no host allowed). */
async function checkProxy(dir: string): Promise<SandboxNetworkCheck> {
  const can = sandboxNetworkAvailability("proxy");
  if (!can.available) return can;
  try {
    const r = await runInSandbox(dir, { argv: ["true"], network: { mode: "proxy", profile: "package_registries", hosts: [] }, limits: { wallMs: 10_000 } });
    if (r.exitCode === 0) return { available: true, startMs: Math.round(r.durationMs) };
    return { available: false, reason: `the egress bridge did not start: ${(r.stderr || r.stdout).trim().slice(0, 300) || `exit ${r.exitCode ?? r.signal}`}` };
  } catch (e) {
    return { available: false, reason: (e as Error).message };
  }
}
