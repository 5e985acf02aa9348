// A throwaway workspace outside RUNS_DIR, for tests and the bench: an empty directory the
// sandbox can reach and write, inside a parent that holds whatever else the caller needs.
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { giveToSandbox } from "./workspace-owner";

export type TempWorkspace = { parent: string; dir: string; remove: () => Promise<void> };

export async function makeTempWorkspace(prefix = "fleetgate-ws-"): Promise<TempWorkspace> {
  const parent = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(parent, 0o755); // mkdtemp's 0700 would keep the sandbox's host uid out
  const dir = path.join(parent, "workspace");
  await mkdir(dir);
  await giveToSandbox(dir);
  return { parent, dir, remove: () => rm(parent, { recursive: true, force: true }) };
}
