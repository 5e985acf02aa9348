import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BenchArgsError, parseBenchArgs } from "./args";

describe("the bench's command line", () => {
  it("takes figure letters, --json FILE and the figures' own options", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fleetgate-bench-args-"));
    const a = parseBenchArgs(["a", "g", "--json", path.join(dir, "out.json"), "--warmup=0", "--workers", "2", "--runs=50", "--phase=crash"]);
    expect([...a.only]).toEqual(["a", "g"]);
    expect(a).toMatchObject({ json: path.join(dir, "out.json"), warmup: 0, workers: 2, runs: 50, minutes: 10, phase: "crash" });
    expect(parseBenchArgs([])).toMatchObject({ only: new Set(), json: null, warmup: 20, workers: 1, runs: 1_000, phase: null });
  });

  it.each([
    [["z"], 'unknown figure "z": figures are a, b, c, d, e, f, g, h, i, j, k, l, m'],
    [["--jsn", "x.json"], "unknown option --jsn; usage: npm run bench -- [figure letters a-w] [--json FILE]"],
    [["--json"], "--json needs a value"],
    [["--json", "--runs=3"], "--json needs a value"],
    [["--json", "/no/such/dir/out.json"], "--json /no/such/dir/out.json: cannot write into /no/such/dir (ENOENT)"],
    [["--json", tmpdir()], `--json ${tmpdir()}: is a directory`],
    [["--runs=0"], '--runs must be a whole number of at least 1, not "0"'],
    [["--workers=two"], '--workers must be a whole number of at least 1, not "two"'],
    [["--minutes=1.5"], '--minutes must be a whole number of at least 1, not "1.5"'],
    [["--phase=both"], '--phase must be steady or crash, not "both"'],
  ])("refuses %j with one line", (argv, message) => {
    let error: unknown;
    try {
      parseBenchArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BenchArgsError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain("\n");
  });
});
