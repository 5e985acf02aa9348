// The demo's tenant policy is seeded only if it validates (seed-policies.ts): both versions must pass
// their tests on top of the platform policies, so a change to either shows here, not at seed time.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDraft } from "../../../server/policy/check-draft";
import { loadPolicyFiles } from "../../../server/policy/load-policy-files";

const dir = new URL("./acme-guardrails/", import.meta.url).pathname;
const platform = loadPolicyFiles(new URL("../../../policies", import.meta.url).pathname);

describe.each(["v1.yaml", "v2.yaml"])("acme-guardrails %s", (file) => {
  it("validates and passes its tests on top of the platform policies", () => {
    const check = checkDraft({ content: readFileSync(dir + file, "utf8"), tests: readFileSync(`${dir}tests.yaml`, "utf8"), others: platform.set!.documents });
    expect(check.problems).toEqual([]);
    expect(check.tests.filter((t) => !t.passed)).toEqual([]);
    expect(check.tests.length).toBeGreaterThan(5);
  });
});
