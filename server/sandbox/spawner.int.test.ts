// The sandbox spawner with real bubblewrap: sandboxes start from a small process of their own (not
// this one, not under the TypeScript loader); if it dies, the commands it held fail as unavailable,
// their sandboxes die with it, and the next command gets a new spawner.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInSandbox } from "./run-in-sandbox";
import { makeTempWorkspace, type TempWorkspace } from "./temp-workspace";

let ws: TempWorkspace;

/** Our spawner processes: children of this process running spawner-process.mjs. */
function spawners(): { pid: number; cmdline: string; rssKb: number }[] {
  const found = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(path.join("/proc", pid, "status"), "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const cmdline = readFileSync(path.join("/proc", pid, "cmdline"), "utf8").split("\0").join(" ");
      if (ppid === process.pid && cmdline.includes("spawner-process.mjs")) found.push({ pid: Number(pid), cmdline, rssKb: Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]) });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  ws = await makeTempWorkspace("fleetgate-spawner-");
});

afterAll(async () => {
  await ws.remove();
});

describe("the sandbox spawner", () => {
  it("is one small process of its own, without the TypeScript loader, that every sandbox starts from", async () => {
    const r = await runInSandbox(ws.dir, { argv: ["echo", "ok"] });
    expect(r).toMatchObject({ exitCode: 0, stdout: "ok\n" });
    await runInSandbox(ws.dir, { argv: ["true"] });
    const [spawner, ...more] = spawners();
    expect(more).toEqual([]);
    expect(spawner!.cmdline).not.toMatch(/tsx|--import|--require/);
    expect(spawner!.rssKb).toBeLessThan(120_000); // this test process is several times larger
  });

  it("dying, fails the commands it held as unavailable and takes their sandboxes with it; the next command gets a new one", async () => {
    const marker = `sleep\u000029.${process.pid}\u0000`; // a sleep no other test starts
    const pending = runInSandbox(ws.dir, { argv: ["sleep", `29.${process.pid}`], limits: { wallMs: 20_000 } });
    let sleeper: number | undefined;
    for (let i = 0; i < 100 && sleeper === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
      sleeper = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number)
        .find((pid) => { try { return readFileSync(`/proc/${pid}/cmdline`, "utf8") === marker; } catch { return false; } });
    }
    expect(sleeper, "the sandboxed sleep started").toBeDefined();
    const [spawner] = spawners();
    process.kill(spawner!.pid, "SIGKILL");
    await expect(pending).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/^the run sandbox failed: the sandbox spawner exited \(SIGKILL\)/) });
    for (let i = 0; i < 100 && alive(sleeper!); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(sleeper!), "the sandbox died with its spawner").toBe(false);

    const next = await runInSandbox(ws.dir, { argv: ["echo", "again"] });
    expect(next).toMatchObject({ exitCode: 0, stdout: "again\n" });
    expect(spawners().map((s) => s.pid)).not.toContain(spawner!.pid);
  });
});
