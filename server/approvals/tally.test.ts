import { describe, expect, it } from "vitest";
import type { EffectiveApprovalRule } from "./approval-view";
import { tally, type Vote } from "./tally";

const rule = (alternatives: EffectiveApprovalRule["alternatives"], denials = 1): EffectiveApprovalRule => ({
  kind: "k", alternatives, denials, reason: { approve: "optional", deny: "required" }, expiresInMs: 3_600_000, sources: [],
});
const approve = (voterId: string, roles: string[], teams: string[] = []): Vote => ({ voterId, vote: "approve", roles, teams });
const deny = (voterId: string, roles: string[] = ["approver"]): Vote => ({ voterId, vote: "deny", roles, teams: [] });

const approverAndPolicyAdmin = rule([[{ approvals: 1, from: { roles: ["approver"] } }, { approvals: 1, from: { roles: ["policy_admin"] } }]]);

describe("tally", () => {
  it("needs different people for thresholds combined with AND", () => {
    const both = approve("u1", ["approver", "policy_admin"]);
    expect(tally(approverAndPolicyAdmin, [both]).outcome).toBe("pending");
    expect(tally(approverAndPolicyAdmin, [both, approve("u2", ["approver"])]).outcome).toBe("approved");
  });

  it("finds the assignment that meets the rule whatever the vote order", () => {
    // u1 could count for either threshold; u2 only for approver: u1 must take policy_admin.
    const votes = [approve("u1", ["approver", "policy_admin"]), approve("u2", ["approver"])];
    expect(tally(approverAndPolicyAdmin, votes)).toMatchObject({ outcome: "approved", progress: [[{ approvals: 1, met: 1 }, { approvals: 1, met: 1 }]] });
  });

  it("approves when any alternative is met (OR)", () => {
    const r = rule([[{ approvals: 2, from: { roles: ["approver"] } }], [{ approvals: 1, from: { teams: ["security"] } }]]);
    expect(tally(r, [approve("u1", ["approver"])]).outcome).toBe("pending");
    expect(tally(r, [approve("u1", ["viewer"], ["security"])]).outcome).toBe("approved");
    expect(tally(r, [approve("u1", ["approver"]), approve("u2", ["approver"])]).outcome).toBe("approved");
  });

  it("ignores approvals from people no threshold accepts", () => {
    const r = rule([[{ approvals: 1, from: { roles: ["approver"] } }]]);
    expect(tally(r, [approve("u1", ["viewer"])])).toMatchObject({ outcome: "pending", progress: [[{ approvals: 1, met: 0 }]] });
  });

  it("denies on the configured number of denials, before approvals are counted", () => {
    const r = rule([[{ approvals: 1, from: { roles: ["approver"] } }]], 2);
    expect(tally(r, [deny("u1")]).outcome).toBe("pending");
    expect(tally(r, [deny("u1"), deny("u2"), approve("u3", ["approver"])]).outcome).toBe("denied");
  });

  it("reports partial progress of the best assignment", () => {
    const r = rule([[{ approvals: 2, from: { roles: ["approver"] } }, { approvals: 1, from: { roles: ["tenant_admin"] } }]]);
    expect(tally(r, [approve("u1", ["approver"])]).progress).toEqual([[{ approvals: 2, met: 1 }, { approvals: 1, met: 0 }]]);
  });
});
