// The limits stop runaway commands quickly, say which limit did it, and leave nothing running.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, runInSandbox } from "./run-in-sandbox";
import { makeTempWorkspace, type TempWorkspace } from "./temp-workspace";
import { giveToSandbox } from "./workspace-owner";

let ws: TempWorkspace;

beforeAll(async () => {
  ws = await makeTempWorkspace();
});
afterAll(async () => {
  await ws.remove();
});

const sh = (script: string, limits: Parameters<typeof runInSandbox>[1]["limits"] = {}) => runInSandbox(ws.dir, { argv: ["sh", "-c", script], limits });

/** Host processes whose command line contains the marker (none may survive a sandbox). */
const survivors = (marker: string) =>
  execFileSync("ps", ["-eo", "args="], { encoding: "utf8" }).split("\n").filter((l) => l.includes(marker) && !l.includes("ps -eo"));

describe("limits", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({ wallMs: 60_000, cpuSeconds: 60, memoryBytes: 1024 ** 3, processes: 256, outputBytes: 1024 ** 2 });
  });

  it("stops a busy loop at the CPU limit (SIGXCPU)", async () => {
    const r = await sh("while :; do :; done", { cpuSeconds: 1, wallMs: 20_000 });
    expect(r.limit).toBe("cpu");
    expect(r.signal).toBe("SIGXCPU");
    expect(r.exitCode).toBeNull();
  });

  it("kills a program that ignores SIGXCPU one second later (SIGKILL, still cpu)", async () => {
    const r = await sh("trap '' XCPU; while :; do :; done", { cpuSeconds: 1, wallMs: 20_000 });
    expect(r.signal).toBe("SIGKILL");
    expect(r.limit).toBe("cpu");
  });

  it("kills the whole process tree at the wall limit", async () => {
    const r = await sh("sleep 987 & sleep 986; echo never", { wallMs: 500 });
    expect(r.limit).toBe("wall");
    expect(r.signal).toBe("SIGKILL");
    expect(r.stdout).toBe("");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(survivors("sleep 98")).toEqual([]);
  });

  it("leaves no background process behind when the command exits normally", async () => {
    const r = await sh("sleep 985 & echo started");
    expect(r).toMatchObject({ exitCode: 0, stdout: "started\n", limit: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(survivors("sleep 985")).toEqual([]);
  });

  it("truncates runaway output and stops the command", async () => {
    const r = await runInSandbox(ws.dir, { argv: ["yes"], limits: { outputBytes: 64 * 1024 } });
    expect(r.truncated).toBe(true);
    expect(r.limit).toBe("output");
    expect(Buffer.byteLength(r.stdout) + Buffer.byteLength(r.stderr)).toBe(64 * 1024);
  });

  it("bounds the number of processes (fork failure)", async () => {
    const r = await sh("i=0; while [ $i -lt 200 ]; do sleep 30 & i=$((i+1)); echo $i; done", { processes: 20 });
    expect(r.limit).toBe("processes");
    expect(r.stderr).toMatch(/Cannot fork/);
    const started = Number(r.stdout.trim().split("\n").at(-1));
    expect(started).toBeGreaterThan(5);
    expect(started).toBeLessThan(20);
  });

  it("contains a fork bomb", async () => {
    // Only builtins after the bomb (a fork would wait for a free slot): spin 2 s, count /proc.
    const script = [
      "bomb() { bomb | bomb & }; bomb",
      "end=$((SECONDS + 2)); while [ $SECONDS -lt $end ]; do :; done",
      "n=0; for p in /proc/[0-9]*; do n=$((n + 1)); done; echo $n",
    ].join("\n");
    const r = await runInSandbox(ws.dir, { argv: ["bash", "-c", script], limits: { processes: 50, wallMs: 20_000 } });
    expect(Number(r.stdout.trim())).toBeGreaterThan(10);
    expect(Number(r.stdout.trim())).toBeLessThanOrEqual(52); // 50 plus bubblewrap's own init
    expect(r.stderr).toMatch(/fork: (retry: )?Resource temporarily unavailable/); // the limit was what held it
    // The command itself finished (exit 0), so no limit is named as having stopped it.
    expect(r).toMatchObject({ exitCode: 0, limit: null });
  });

  it("counts processes per sandbox, not across sandboxes sharing the host uid", async () => {
    const script = "for i in 1 2 3 4 5 6 7 8; do sleep 2 & done; wait; echo done";
    const [a, b] = await Promise.all([sh(script, { processes: 12 }), sh(script, { processes: 12 })]);
    expect(a).toMatchObject({ exitCode: 0, stdout: "done\n", limit: null });
    expect(b).toMatchObject({ exitCode: 0, stdout: "done\n", limit: null });
  });

  it("refuses to allocate past the memory limit", async () => {
    const node = await runInSandbox(ws.dir, { argv: ["node", "-e", "const b = Buffer.alloc(2 * 1024 ** 3 - 1); console.log(b.length)"] });
    expect(node.exitCode).not.toBe(0);
    expect(node.stderr).toMatch(/Array buffer allocation failed/);
    expect(node.limit).toBe("memory");
    const dd = await runInSandbox(ws.dir, { argv: ["dd", "if=/dev/zero", "of=/dev/null", "bs=2G", "count=1"] });
    expect(dd.exitCode).not.toBe(0);
    expect(dd.stderr).toMatch(/memory exhausted/);
    expect(dd.limit).toBe("memory");
    // Within the limit the same allocation works.
    const ok = await runInSandbox(ws.dir, { argv: ["node", "-e", "console.log(Buffer.alloc(256 * 1024 ** 2).length)"] });
    expect(ok).toMatchObject({ exitCode: 0, stdout: `${256 * 1024 ** 2}\n`, limit: null });
  });

  it("reports an ordinary failure as a result, not a limit", async () => {
    const r = await sh("echo out; echo err >&2; exit 3");
    expect(r).toMatchObject({ exitCode: 3, signal: null, stdout: "out\n", stderr: "err\n", truncated: false, limit: null });
    const missing = await runInSandbox(ws.dir, { argv: ["no-such-program"] });
    expect(missing.exitCode).not.toBe(0);
    expect(missing.limit).toBeNull();
  });

  it("stops when the run is cancelled", async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort("cancelled by test"), 300);
    const r = await runInSandbox(ws.dir, { argv: ["sleep", "30"], signal: abort.signal });
    expect(r.signal).toBe("SIGKILL");
    expect(r.limit).toBeNull();
    expect(r.stderr).toMatch(/cancelled/);
  });
});

describe("command input", () => {
  it("feeds stdin and runs in a subdirectory", async () => {
    mkdirSync(path.join(ws.dir, "sub", "deeper"), { recursive: true });
    await giveToSandbox(path.join(ws.dir, "sub"), true);
    const r = await runInSandbox(ws.dir, { argv: ["sh", "-c", "pwd; cat"], cwd: "sub/deeper/", stdin: "from stdin" });
    expect(r).toMatchObject({ exitCode: 0, stdout: "/workspace/sub/deeper\nfrom stdin" });
  });

  it("refuses an empty argv, a cwd leaving the workspace and bad limits", async () => {
    await expect(runInSandbox(ws.dir, { argv: [] })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/argv must name a program/) });
    for (const cwd of ["..", "../x", "/etc", "a/../../x"]) {
      await expect(runInSandbox(ws.dir, { argv: ["true"], cwd })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/escapes the workspace/) });
    }
    await expect(runInSandbox(ws.dir, { argv: ["true"], limits: { wallMs: -1 } })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/limits\.wallMs/) });
    await expect(runInSandbox(path.join(ws.parent, "missing"), { argv: ["true"] })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(runInSandbox(ws.dir, { argv: ["true"], cwd: "no/such/dir" })).rejects.toThrow(/cwd "no\/such\/dir" does not exist in the workspace/);
  });
});
