import { describe, expect, it } from "vitest";
import { judgeMerge } from "./judge-merge";
import type { CommitChecks, WalkedCommit } from "./read-commit-health";

const checks = (state: CommitChecks["state"], failing: string[] = [], pending: string[] = []): CommitChecks => ({ state, failing, pending });
const commit = (sha: string, state: CommitChecks["state"], title = `commit ${sha}`): WalkedCommit => ({ sha: sha.padEnd(40, "0"), title, parents: [], checks: checks(state, state === "failing" ? ["build"] : []) });
const M = "m".padEnd(40, "0");
const failing = { sha: M, checks: checks("failing", ["build", "status:ci/e2e"]) };
const o = (soakOver: boolean) => ({ soakOver, limit: 20 });

describe("judgeMerge", () => {
  it("waits while the soak runs and the merge's checks do not fail, and says how the soak ended", () => {
    expect(judgeMerge({ sha: M, checks: checks("passing") }, null, o(false))).toMatchObject({ kind: "wait" });
    expect(judgeMerge({ sha: M, checks: checks("pending", [], ["build"]) }, null, o(false))).toMatchObject({ kind: "wait", reason: expect.stringMatching(/pending \(build\)/) });
    expect(judgeMerge({ sha: M, checks: checks("passing") }, null, o(true))).toMatchObject({ kind: "passed" });
    expect(judgeMerge({ sha: M, checks: checks("none") }, null, o(true))).toMatchObject({ kind: "unverified", reason: expect.stringMatching(/no checks reported/) });
  });

  it("reverts the first failing commit: its first parent passed", () => {
    const v = judgeMerge(failing, [commit("a", "passing")], o(false));
    expect(v).toMatchObject({ kind: "revert", failing: ["build", "status:ci/e2e"], lastGood: "a".padEnd(40, "0") });
    expect(v.reason).toMatch(/^checks failing on merge commit m0{11}: build, status:ci\/e2e; its first parent a0{11} \("commit a"\) passed/);
  });

  it("does not revert when another change landed in between, or the branch was failing before", () => {
    const between = judgeMerge(failing, [commit("x", "none", "Merge pull request #7"), commit("a", "passing")], o(false));
    expect(between).toMatchObject({ kind: "not_reverted", reason: expect.stringMatching(/another change landed between the last passing commit a0{11} \("commit a"\) and this merge: x0{11} \("Merge pull request #7"\)/) });
    expect(judgeMerge(failing, [commit("x", "failing"), commit("a", "passing")], o(false))).toMatchObject({ kind: "not_reverted", reason: expect.stringMatching(/already failing at x0{11}/) });
    expect(judgeMerge(failing, [commit("x", "none"), commit("y", "failing")], o(false))).toMatchObject({ kind: "not_reverted", reason: expect.stringMatching(/none of the 2 commits before it/) });
  });

  it("waits for an earlier commit's running checks while the soak runs, and decides without them once it ends", () => {
    const history = [commit("x", "pending"), commit("a", "passing")];
    expect(judgeMerge(failing, history, o(false))).toMatchObject({ kind: "wait", reason: expect.stringMatching(/waiting for the checks of x0{11}/) });
    expect(judgeMerge(failing, history, o(true))).toMatchObject({ kind: "not_reverted" });
  });
});
