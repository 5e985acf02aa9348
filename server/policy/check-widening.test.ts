import { describe, expect, it } from "vitest";
import { checkWidening } from "./check-widening";
import type { Governance, Level, PolicyDocument, Rule } from "./document-schema";

const doc = (name: string, level: Level, rules: Rule[], governance?: Governance): PolicyDocument => ({
  apiVersion: "fleetgate/v1", kind: "Policy", metadata: { name, level }, rules, ...(governance ? { governance } : {}),
});
const rule = (id: string, effect: Rule["effect"], actions: string[], when?: string): Rule => ({
  id, effect, match: { actions }, reason: id, ...(when ? { when } : {}),
});

describe("checkWidening", () => {
  const platform = doc("base", "platform", [
    rule("shell", "allow", ["tool.shell"]),
    rule("no-prod", "deny", ["deploy.run"]),
    rule("small", "allow", ["run.create"], "input.context.n < 10"),
  ], { autonomy_max: "draft_pr", forbidden_paths: [".github/workflows/**", "**/.env"], limits: { max_files_changed: 20 } });

  it("accepts lower documents that only restrict", () => {
    const team = doc("team", "team", [
      rule("deny-net", "deny", ["tool.shell"], "input.context.shell.usesNetwork"),
      rule("smaller", "allow", ["run.create"], "input.context.n < 10 && input.context.m == 1"),
    ], { autonomy_max: "local_branch", forbidden_paths: [".github/workflows/**", "**/.env", "docs/**"], limits: { max_files_changed: 5 } });
    expect(checkWidening([platform, team])).toEqual([]);
  });

  it("names a lower allow that collides with a higher deny", () => {
    const repo = doc("repo", "repository", [rule("let-deploy", "allow", ["deploy.run"])]);
    const problems = checkWidening([platform, repo]);
    expect(problems).toContainEqual(expect.objectContaining({ policy: "repo", rule: "let-deploy", message: expect.stringContaining("deny rule no-prod") }));
  });

  it("names a lower allow no higher allow covers (widening an implicit deny)", () => {
    const task = doc("task", "task", [rule("bigger", "allow", ["run.create"], "input.context.n < 100")]);
    expect(checkWidening([platform, task])).toEqual([expect.objectContaining({ rule: "bigger", message: expect.stringContaining("widens run.create") })]);
  });

  it("rejects governance that loosens a higher level", () => {
    const tenant = doc("tenant", "tenant", [], { autonomy_max: "autonomous_pr", forbidden_paths: ["**/.env"], limits: { max_files_changed: 50 } });
    const messages = checkWidening([platform, tenant]).map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/^governance.autonomy_max autonomous_pr is higher/),
      expect.stringMatching(/^governance.limits.max_files_changed 50 is higher/),
    ]);
  });

  it("rejects an egress allowlist naming hosts the higher level's list does not cover", () => {
    const tenant = doc("tenant", "tenant", [], { egress_allowlist: ["*.example.com", "git.acme.dev:8443"] });
    const narrower = doc("repo", "repository", [], { egress_allowlist: ["api.example.com", "*.cdn.example.com", "git.acme.dev:8443"] });
    expect(checkWidening([tenant, narrower])).toEqual([]);
    const wider = doc("repo", "repository", [], { egress_allowlist: ["example.com", "api.example.com", "git.acme.dev"] });
    expect(checkWidening([tenant, wider]).map((p) => p.message)).toEqual([
      expect.stringMatching(/^governance.egress_allowlist adds example.com, git.acme.dev: more hosts than tenant policy tenant allows/),
    ]);
  });

  it("accepts a lower level that lists fewer forbidden paths: lists add up across levels", () => {
    const tenant = doc("tenant", "tenant", [], { forbidden_paths: ["docs/**"], required_verifiers: [], approval: { required_for: [] } });
    expect(checkWidening([platform, tenant])).toEqual([]);
  });

  it("lets the highest level allow what it likes", () => {
    expect(checkWidening([doc("only", "tenant", [rule("any", "allow", ["*"])])])).toEqual([]);
  });
});
