// A self-check for a worker's start: can this host run the sandbox at all (bubblewrap and prlimit
// present, user namespaces allowed, a workspace reachable)? Better one clear error at start than
// every run failing with bubblewrap's message in a command's output.
import { AppError } from "../http/app-error";
import { runInSandbox } from "./run-in-sandbox";
import { makeTempWorkspace } from "./temp-workspace";

export async function checkSandbox(): Promise<{ startMs: number }> {
  const ws = await makeTempWorkspace("fleetgate-check-");
  try {
    const r = await runInSandbox(ws.dir, { argv: ["sh", "-c", "id -u; echo ok > probe"], limits: { wallMs: 10_000 } });
    if (r.exitCode !== 0 || r.stdout !== "65534\n") {
      throw new AppError("unavailable", `the run sandbox does not work on this host: ${(r.stderr || r.stdout).trim() || `exit ${r.exitCode ?? r.signal}`}`);
    }
    return { startMs: Math.round(r.durationMs) };
  } finally {
    await ws.remove();
  }
}
