import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkWidening } from "./check-widening";
import type { Governance, Level, PolicyDocument, Rule } from "./document-schema";
import { loadPolicyFiles } from "./load-policy-files";
import { parsePolicyDocument } from "./parse-document";

const doc = (name: string, level: Level, rules: Rule[], governance?: Governance, target?: string): PolicyDocument => ({
  apiVersion: "fleetgate/v1", kind: "Policy", metadata: { name, level, ...(target ? { target } : {}) }, rules, ...(governance ? { governance } : {}),
});
const rule = (id: string, effect: Rule["effect"], actions: string[], when?: string, resources?: string[]): Rule => ({
  id, effect, match: { actions, ...(resources ? { resources } : {}) }, reason: id, ...(when ? { when } : {}),
});

const FORBIDDEN = "input.resource.path.matchesAnyGlob(['.github/workflows/**', 'infra/prod/**', '**/.env', '**/*.pem'])";

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
    ], { autonomy_max: "local_branch", forbidden_paths: [".github/workflows/**", "**/.env", "docs/**"], limits: { max_files_changed: 5 } }, "payments");
    expect(checkWidening([platform, team])).toEqual([]);
  });

  it("names a lower allow that collides with a higher deny, with both levels and rules", () => {
    const repo = doc("repo", "repository", [rule("let-deploy", "allow", ["deploy.run"])], undefined, "api");
    const problems = checkWidening([platform, repo]);
    expect(problems).toContainEqual({
      policy: "repo", rule: "let-deploy", message: expect.stringMatching(/^repository allow rule let-deploy conflicts with platform policy base deny rule no-prod: /),
    });
  });

  it("names a lower allow no higher allow covers (widening an implicit deny)", () => {
    const task = doc("task", "task", [rule("bigger", "allow", ["run.create"], "input.context.n < 100")], undefined, "t1");
    expect(checkWidening([platform, task])).toEqual([expect.objectContaining({ rule: "bigger", message: expect.stringContaining("task allow rule bigger widens run.create") })]);
  });

  it("rejects governance that loosens a higher level", () => {
    const tenant = doc("tenant", "tenant", [], { autonomy_max: "autonomous_pr", forbidden_paths: ["**/.env"], limits: { max_files_changed: 50 } });
    const messages = checkWidening([platform, tenant]).map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/^governance.autonomy_max autonomous_pr is higher/),
      expect.stringMatching(/^governance.limits.max_files_changed 50 is higher/),
    ]);
  });

  it("rejects publishing that loosens a higher level: a higher risk threshold, more autonomous classes", () => {
    const higher = doc("p", "platform", [], { publishing: { risk_threshold: 7, autonomous_classes: ["docs_update"], auto_merge: false } });
    const loose = doc("t", "tenant", [], { publishing: { risk_threshold: 8, autonomous_classes: ["docs_update", "refactor"] } });
    expect(checkWidening([higher, loose]).map((p) => p.message)).toEqual([
      expect.stringMatching(/^governance.publishing.risk_threshold 8 is higher/),
      expect.stringMatching(/^governance.publishing.autonomous_classes adds refactor: more autonomous classes/),
    ]);
    const tight = doc("t", "tenant", [], { publishing: { risk_threshold: 5, autonomous_classes: [], auto_merge: false, require_up_to_date_base: true } });
    expect(checkWidening([higher, tight])).toEqual([]);
  });

  it("rejects follow-up runs turned on below a level that turns them off, or more of them than a higher level allows", () => {
    const off = doc("p", "platform", [], { publishing: { follow_up_on_review: { enabled: false, max_per_changeset: 2 } } });
    const on = doc("t", "tenant", [], { publishing: { follow_up_on_review: { enabled: true, max_per_changeset: 3 } } });
    expect(checkWidening([off, on]).map((p) => p.message)).toEqual([
      "governance.publishing.follow_up_on_review.enabled turns follow-up runs on: more than platform policy p allows",
      "governance.publishing.follow_up_on_review.max_per_changeset 3 is higher than platform policy p allows",
    ]);
    const platform = doc("p", "platform", [], { publishing: { follow_up_on_review: { enabled: true, max_per_changeset: 2 } } });
    const fewer = doc("t", "tenant", [], { publishing: { follow_up_on_review: { enabled: false, max_per_changeset: 1 } } });
    expect(checkWidening([platform, fewer])).toEqual([]);
  });

  it("rejects a shorter post-merge soak, or automatic reverts turned on, below a level that says otherwise", () => {
    const platform = doc("p", "platform", [], { publishing: { post_merge_soak_minutes: 60, auto_revert: false } });
    const looser = doc("t", "tenant", [], { publishing: { post_merge_soak_minutes: 10, auto_revert: true } });
    expect(checkWidening([platform, looser]).map((p) => p.message)).toEqual([
      "governance.publishing.post_merge_soak_minutes 10 is shorter: less of the merge is watched than platform policy p allows",
      "governance.publishing.auto_revert turns automatic revert PRs on: more than platform policy p allows",
    ]);
    expect(checkWidening([platform, doc("t", "tenant", [], { publishing: { post_merge_soak_minutes: 90, auto_revert: false } })])).toEqual([]);
  });

  it("rejects PR-storm caps above a higher level's, and accepts lower ones", () => {
    const platform = doc("p", "platform", [], { publishing: { caps: { prs_per_hour: { rate: 60, burst: 20 }, open_per_team: 20, awaiting_review_per_team: 10, per_repository: 3 } } });
    const loose = doc("t", "tenant", [], { publishing: { caps: { prs_per_hour: { rate: 120, burst: 20 }, open_per_team: 21, per_repository: 3 } } });
    expect(checkWidening([platform, loose]).map((p) => p.message)).toEqual([
      "governance.publishing.caps.open_per_team 21 is higher than platform policy p allows",
      "governance.publishing.caps.prs_per_hour.rate 120 is higher than platform policy p allows",
    ]);
    const team = doc("payments", "team", [], { publishing: { caps: { open_per_team: 5, awaiting_review_per_team: 2 } } }, "payments");
    expect(checkWidening([platform, team])).toEqual([]);
  });

  it("rejects an egress allowlist naming hosts the higher level's list does not cover", () => {
    const tenant = doc("tenant", "tenant", [], { egress_allowlist: ["*.example.com", "git.acme.dev:8443"] });
    const narrower = doc("repo", "repository", [], { egress_allowlist: ["api.example.com", "*.cdn.example.com", "git.acme.dev:8443"] }, "api");
    expect(checkWidening([tenant, narrower])).toEqual([]);
    const wider = doc("repo", "repository", [], { egress_allowlist: ["example.com", "api.example.com", "git.acme.dev"] }, "api");
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

describe("checkWidening: a lower allow beside a higher deny or require_approval, whatever its condition", () => {
  const platform = doc("platform-tools", "platform", [
    rule("write", "allow", ["tool.file_write"], undefined, ["file"]),
    rule("forbidden", "deny", ["tool.file_write"], FORBIDDEN, ["file"]),
    rule("shell", "allow", ["tool.shell"], undefined, ["command"]),
    rule("network", "require_approval", ["tool.shell"], "input.context.shell.usesNetwork", ["command"]),
    rule("runs", "allow", ["run.create"]),
    rule("prod-runs", "deny", ["run.create"], "input.context.env == 'prod' || input.context.n >= 100"),
  ]);
  const problemsOf = (when: string | undefined, actions = ["tool.file_write"], resources: string[] | null = ["file"]) =>
    checkWidening([platform, doc("team-rules", "team", [rule("mine", "allow", actions, when, resources ?? undefined)], undefined, "payments")]);
  const conflict = (effect: string, id: string) =>
    expect.objectContaining({ policy: "team-rules", rule: "mine", message: expect.stringMatching(new RegExp(`^team allow rule mine conflicts with platform policy platform-tools ${effect} rule ${id}: `)) });

  it.each([
    ["a glob naming a denied directory", "input.resource.path.matchesAnyGlob(['.github/workflows/**'])"],
    ["a glob list with one overlapping glob", "input.resource.path.matchesAnyGlob(['docs/**', 'infra/**'])"],
    ["startsWith a denied directory", "input.resource.path.startsWith('.github/workflows/')"],
    ["startsWith the spelling the glob ignores (./)", "input.resource.path.startsWith('./.github/')"],
    ["a directory where a denied file name may sit", "input.resource.path.matchesAnyGlob(['src/**'])"],
    ["endsWith a denied extension", "input.resource.path.endsWith('.pem')"],
    ["contains", "input.resource.path.contains('workflows')"],
    ["matches a regular expression", "input.resource.path.matches('^\\\\.github/')"],
    ["an `in` list holding one denied path", "input.resource.path in ['README.md', '.github/workflows/ci.yml']"],
    ["a negated condition", "!input.resource.path.startsWith('src/')"],
    ["`||` with one overlapping side", "input.resource.path.startsWith('src/') || input.resource.path.startsWith('infra/')"],
    ["a ternary with one overlapping branch", "input.context.ci ? input.resource.path.startsWith('.github/') : input.resource.path == 'README.md'"],
    ["a condition on another attribute", "input.context.reviewed == true"],
    ["no condition", undefined],
  ])("refuses %s", (_, when) => {
    expect(problemsOf(when)).toEqual([conflict("deny", "forbidden")]);
  });

  it("refuses an allow without resources beside a deny for files, and says it is not covered either", () => {
    expect(problemsOf("input.resource.path == 'README.md'", ["tool.file_write"], null)).toEqual([
      expect.objectContaining({ message: expect.stringContaining("widens tool.file_write") }),
    ]);
    expect(problemsOf("input.resource.path.startsWith('src/')", ["tool.file_write"], null)).toEqual([
      conflict("deny", "forbidden"), expect.objectContaining({ message: expect.stringContaining("widens tool.file_write") }),
    ]);
  });

  it("refuses a wildcard-action allow: it overlaps every higher deny and no higher wildcard allow covers it", () => {
    expect(problemsOf("input.resource.path == 'README.md'", ["*"], null)).toEqual([
      conflict("require_approval", "network"), conflict("deny", "prod-runs"),
      expect.objectContaining({ message: "team allow rule mine widens *: no higher-level allow rule covers it, so a higher level denies it implicitly (a covering allow applies to this rule's target, resources and actions, and its condition is absent or one of this rule's && conjuncts)" }),
    ]);
  });

  it("refuses an allow beside a higher require_approval, naming it", () => {
    expect(problemsOf(undefined, ["tool.shell"], ["command"])).toEqual([conflict("require_approval", "network")]);
    expect(problemsOf("input.context.command == 'ls'", ["tool.shell"], ["command"])).toEqual([conflict("require_approval", "network")]);
  });

  it.each([
    ["one literal path the globs do not match", "input.resource.path == 'README.md'"],
    ["an `in` list of paths the globs do not match", "input.resource.path in ['README.md', 'src/main.ts']"],
    ["globs provably apart from every denied glob", "input.resource.path.matchesAnyGlob(['src/*.ts', 'docs/*.md'])"],
    ["startsWith and endsWith apart from the denied globs", "input.resource.path.startsWith('src/') && input.resource.path.endsWith('.ts')"],
    ["the higher condition negated, && more", `!${FORBIDDEN} && input.resource.path.startsWith('src/')`],
    ["the higher condition negated inside a ternary", `input.context.ci ? !${FORBIDDEN} : input.resource.path == 'README.md'`],
    ["another resource kind", "input.resource.kind == 'note'"],
  ])("accepts an allow provably disjoint from the deny: %s", (_, when) => {
    expect(problemsOf(when)).toEqual([]);
  });

  it("accepts an allow disjoint by equality, `in`, `!=` and numeric ranges, but not one that may meet the deny", () => {
    const runs = (when: string) => problemsOf(when, ["run.create"], null);
    expect(runs("input.context.env == 'staging' && input.context.n < 50")).toEqual([]);
    expect(runs("input.context.env in ['dev', 'staging'] && input.context.n <= 99")).toEqual([]);
    expect(runs("input.context.env != 'prod' && !(input.context.n >= 100)")).toEqual([]);
    expect(runs("input.context.env != 'prod' && input.context.n < 101")).toEqual([conflict("deny", "prod-runs")]);
    expect(runs("input.context.env == 'staging' || input.context.n < 10")).toEqual([conflict("deny", "prod-runs")]);
  });

  it("accepts a shell allow that excludes the higher level's approval condition", () => {
    expect(problemsOf("!input.context.shell.usesNetwork", ["tool.shell"], ["command"])).toEqual([]);
    expect(problemsOf("input.context.shell.usesNetwork == false", ["tool.shell"], ["command"])).toEqual([]);
  });

  it("accepts legitimate narrowing: a lower deny or require_approval anywhere", () => {
    const team = doc("team-rules", "team", [
      rule("no-writes", "deny", ["*"]),
      rule("review-writes", "require_approval", ["tool.file_write"], "input.resource.path.startsWith('.github/')"),
      rule("review-all", "require_approval", ["deploy.run"]),
    ], undefined, "payments");
    expect(checkWidening([platform, team])).toEqual([]);
  });
});

describe("checkWidening: targeted levels", () => {
  const platform = doc("base", "platform", [rule("shell", "allow", ["tool.shell"])]);
  const team = doc("payments-rules", "team", [rule("no-deploy-scripts", "deny", ["tool.shell"], "input.context.command == './deploy.sh'")], undefined, "payments");

  it("refuses a repository allow that may meet a team's deny: the repository may belong to that team", () => {
    const repo = doc("api-rules", "repository", [rule("deploy", "allow", ["tool.shell"])], undefined, "api");
    expect(checkWidening([platform, team, repo])).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^repository allow rule deploy conflicts with team policy payments-rules deny rule no-deploy-scripts/) }),
    ]);
  });

  it("accepts it when its condition names another team", () => {
    const repo = doc("api-rules", "repository", [rule("deploy", "allow", ["tool.shell"], "input.context.team == 'web'")], undefined, "api");
    expect(checkWidening([platform, team, repo])).toEqual([]);
  });

  it("counts a targeted allow as covering only inputs of its target", () => {
    const bumps = doc("payments-bumps", "team", [rule("bump", "allow", ["tool.dependency_bump"])], undefined, "payments");
    const repo = (when?: string) => doc("api-rules", "repository", [rule("bump", "allow", ["tool.dependency_bump"], when)], undefined, "api");
    expect(checkWidening([bumps, repo()])).toEqual([
      expect.objectContaining({ rule: "bump", message: expect.stringContaining("repository allow rule bump widens tool.dependency_bump") }),
    ]);
    expect(checkWidening([bumps, repo("input.context.team == 'payments' && input.context.major == false")])).toEqual([]);
  });
});

describe("checkWidening: a lower allow is covered only by a higher allow it implies", () => {
  const platform = doc("base", "platform", [
    rule("small", "allow", ["run.create"], "input.context.n < 10 && input.context.kind in ['a', 'b']"),
    rule("files", "allow", ["tool.file_read"], "input.resource.path.startsWith('src/')", ["file"]),
  ]);
  const widens = (action: string, when?: string, resources?: string[]) =>
    checkWidening([platform, doc("t", "tenant", [rule("mine", "allow", [action], when, resources)])]).map((p) => p.message.split(":")[0]);

  it.each([
    ["the same condition", "run.create", "input.context.n < 10 && input.context.kind in ['a', 'b']"],
    ["its conjuncts in another order, && more", "run.create", "input.context.kind in ['a', 'b'] && input.context.x == 1 && input.context.n < 10"],
    ["narrower constraints on the same attributes", "run.create", "input.context.n < 5 && input.context.kind == 'a'"],
    ["a longer prefix, on the same resources", "tool.file_read", "input.resource.path.startsWith('src/lib/')", ["file"]],
  ])("covered: %s", (_, action, when, resources?: string[]) => {
    expect(widens(action, when, resources)).toEqual([]);
  });

  it.each([
    ["no condition", "run.create", undefined],
    ["one of two conjuncts", "run.create", "input.context.n < 10"],
    ["an `||` of the conditions", "run.create", "input.context.n < 10 || input.context.kind == 'a'"],
    ["a wider range", "run.create", "input.context.n < 11 && input.context.kind == 'a'"],
    ["resources the higher allow does not name", "tool.file_read", "input.resource.path.startsWith('src/lib/')"],
    ["an action no higher rule allows", "tool.deploy", undefined],
  ])("widens: %s", (_, action, when, resources?: string[]) => {
    expect(widens(action, when, resources)).toEqual([`tenant allow rule mine widens ${action}`]);
  });
});

describe("the platform and demo policies", () => {
  const platform = loadPolicyFiles("policies");
  const demo = ["v1.yaml", "v2.yaml"].map((f) => {
    const parsed = parsePolicyDocument(readFileSync(`prisma/demo/policies/acme-guardrails/${f}`, "utf8"));
    if (!parsed.ok) throw new Error(`${f}: ${parsed.problems[0]?.message}`);
    return parsed.value;
  });

  it("pass the check, every demo version on top of the platform", () => {
    expect(platform.errors).toEqual([]);
    for (const d of demo) expect(checkWidening([...platform.documents.map((x) => x.document), d])).toEqual([]);
  });

  it("refuse the issue's team allow for workflow files, with a glob or startsWith", () => {
    for (const when of ["input.resource.path.matchesAnyGlob(['.github/workflows/**'])", "input.resource.path.startsWith('.github/workflows/')"]) {
      const team = doc("ci-team", "team", [rule("edit-workflows", "allow", ["tool.file_write"], when, ["file"])], undefined, "ci");
      expect(checkWidening([...platform.documents.map((x) => x.document), team])).toContainEqual(
        expect.objectContaining({ rule: "edit-workflows", message: expect.stringMatching(/^team allow rule edit-workflows conflicts with platform policy platform-change-governance governance.forbidden_paths \(.github\/workflows\/\*\*, /) }),
      );
    }
  });
});

describe("checkWidening: what the prover cannot read", () => {
  it("treats an opaque condition as overlapping, but recognises the same text negated", () => {
    const platform = doc("base", "platform", [rule("w", "allow", ["tool.file_write"]), rule("big", "deny", ["tool.file_write"], "size(input.context.files) > 3")]);
    const team = (when: string) => doc("t", "team", [rule("mine", "allow", ["tool.file_write"], when)], undefined, "x");
    expect(checkWidening([platform, team("size(input.context.files) < 2")])).toHaveLength(1);
    expect(checkWidening([platform, team("!(size(input.context.files) > 3)")])).toEqual([]);
    expect(checkWidening([platform, team("input.context.files.exists(f, f == 'a') && !(size( input.context.files )>3)")])).toEqual([]);
  });
});

describe("checkWidening: attributes", () => {
  const platform = doc("base", "platform", [rule("w", "allow", ["tool.file_write"]), rule("prod", "deny", ["tool.file_write"], "input.context.env == 'prod'")]);
  const team = (when: string) => doc("t", "team", [rule("mine", "allow", ["tool.file_write"], when)], undefined, "x");

  it("reads input.a.b and input['a']['b'] as one attribute, and input['a.b'] as another", () => {
    expect(checkWidening([platform, team("input['context']['env'] == 'dev'")])).toEqual([]);
    expect(checkWidening([platform, team("input['context.env'] == 'dev'")])).toHaveLength(1);
  });
});
