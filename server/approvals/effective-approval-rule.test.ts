import path from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicySet } from "../policy/compile";
import type { PolicyDocument } from "../policy/document-schema";
import { loadPolicyFiles } from "../policy/load-policy-files";
import { describeRule, effectiveApprovalRule, eligibleFilters } from "./effective-approval-rule";

const platform = loadPolicyFiles(path.join(import.meta.dirname, "../../policies/platform"));

const tenantRule = (approvals: PolicyDocument["approvals"], level: "tenant" | "repository" = "tenant", target?: string): PolicyDocument => ({
  apiVersion: "fleetgate/v1", kind: "Policy", metadata: { name: `extra-${level}`, level, ...(target ? { target } : {}) }, rules: [], approvals,
});

describe("effectiveApprovalRule", () => {
  it("reads the platform defaults: a policy version waits 7 days for a second policy admin", () => {
    const r = effectiveApprovalRule(platform.set!, "policy_activation")!;
    expect(r).toMatchObject({ denials: 1, reason: { approve: "optional", deny: "required" }, expiresInMs: 7 * 86_400_000 });
    expect(describeRule(r)).toBe("1 approval from policy admin or platform admin");
  });

  it("has no rule for an unknown kind (the request cannot be raised)", () => {
    expect(effectiveApprovalRule(platform.set!, "launch_missiles")).toBeNull();
  });

  it("adds a lower level's requirement with AND, and takes the stricter reason, expiry and denials", () => {
    const set = compilePolicySet([
      ...platform.documents.map((d) => ({ document: d.document })),
      { document: tenantRule([{ kind: "tool_call", require: { any: [{ all: [{ approvals: 1, from: { teams: ["security"] } }] }, { all: [{ approvals: 2, from: { roles: ["tenant_admin"] } }] }] }, reason: { approve: "required" }, expires_in: "30m", denials: 2 }]) },
    ]);
    const r = effectiveApprovalRule(set, "tool_call")!;
    expect(r.alternatives).toEqual([
      [{ approvals: 1, from: { roles: ["approver", "tenant_admin"] } }, { approvals: 1, from: { teams: ["security"] } }],
      [{ approvals: 1, from: { roles: ["approver", "tenant_admin"] } }, { approvals: 2, from: { roles: ["tenant_admin"] } }],
    ]);
    expect(r).toMatchObject({ denials: 1, reason: { approve: "required", deny: "required" }, expiresInMs: 30 * 60_000, sources: ["platform-approvals/tool_call", "extra-tenant/tool_call"] });
    expect(eligibleFilters(r)).toEqual({ roles: ["approver", "tenant_admin"], teams: ["security"] });
  });

  it("applies a repository's rule only to that repository", () => {
    const set = compilePolicySet([
      ...platform.documents.map((d) => ({ document: d.document })),
      { document: tenantRule([{ kind: "tool_call", require: { all: [{ approvals: 1, from: { roles: ["tenant_admin"] } }] } }], "repository", "payment-service") },
    ]);
    expect(effectiveApprovalRule(set, "tool_call", { repository: "payment-service" })!.alternatives[0]).toHaveLength(2);
    expect(effectiveApprovalRule(set, "tool_call", { repository: "docs-site" })!.alternatives[0]).toHaveLength(1);
  });
});
