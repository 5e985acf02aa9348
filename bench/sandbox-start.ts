// Figure (i): sandbox start to first command, measured in a child process that has what a worker
// has loaded (bench/sandbox-start-measure.ts), not in this one: the bench process holds every
// figure's data and is about twice a worker's size, and Node forks the whole process to start
// bubblewrap. Its figures come back over the IPC channel.
import { spawn } from "node:child_process";
import path from "node:path";
import { adoptFigures, type Figure } from "./figure";

export async function benchSandboxStart(databaseUrl: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/sandbox-start-measure.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child.on("message", (m: { figures?: Figure[] }) => adoptFigures(m.figures ?? []));
  const code = await new Promise<number | null>((resolve, reject) => child.once("error", reject).once("close", (c) => resolve(c)));
  if (code !== 0) throw new Error(`the sandbox-start measurement exited with ${code}`);
}
