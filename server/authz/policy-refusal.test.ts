import { describe, expect, it } from "vitest";
import type { Decision } from "./authorize";
import { policyRefusal } from "./policy-refusal";

const decided = (effect: Decision["effect"], explanation: string): Decision => ({
  effect, reasons: [explanation], rules: ["p/r"],
  record: { input: { action: "run.cancel", resource: { kind: "run" }, subject: {}, context: {} }, source: "authorize", decision: { decision: effect, matchedRules: [], explanation, effectivePolicyHash: "h" } },
});

describe("policyRefusal", () => {
  it("states the verdict once, then the rule and its reason", () => {
    const e = policyRefusal("cancelling this run", decided("deny", "deny (explicit): platform policy p rule r: only the requester may"));
    expect(e).toMatchObject({ code: "forbidden", message: "the policy denies cancelling this run: platform policy p rule r: only the requester may", details: { rules: ["p/r"] } });
    expect(policyRefusal("this run", decided("deny", "deny (implicit): no rule allows run.create on run")).message).toBe("the policy denies this run: no rule allows run.create on run");
    expect(policyRefusal("this release", decided("require_approval", "require_approval: tenant policy t rule a: two admins agree")).message)
      .toBe("the policy wants an approval for this release, which cannot be asked for here: tenant policy t rule a: two admins agree");
  });

  it("names the missing permission when no policy rule decided", () => {
    expect(policyRefusal("this run", { effect: "deny", reasons: ["missing permission run.create"], rules: [] }).message).toBe("this run is not allowed: missing permission run.create");
  });
});
