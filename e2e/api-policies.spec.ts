// The policy API's own rules, beyond what the matrix and the generated bad-input spec reach:
// a draft with a problem is refused with 422 naming each problem at its line and column (and
// nothing is saved while the active version keeps deciding), saving over a newer version is a
// conflict, a version whose tests fail is not published, activation is an approval request that
// a second person decides (exactly one decision wins; the worker then activates the version), and
// another tenant's documents answer like missing ones.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { FOREIGN_TENANT, OWN_TENANT, PLATFORM_ADMIN, ROLE_USERS, type Persona } from "./fixtures";
import { expect, expectError, test as apiTest, unique, type ErrorBody } from "./support/api";
import { Factory } from "./support/factory";
import { approvalRow, auditEventsAbout, auditEventsOfRequest, snapshotRow, sql, voteCount } from "./support/db";
import { fixturePolicy, fixtureTests } from "./support/policy-yaml";

const POLICY_ADMIN = ROLE_USERS[OWN_TENANT].policy_admin;
const base = `/api/v1/tenants/${OWN_TENANT}`;

const test = apiTest.extend<{ factory: Factory }>({ factory: async ({ as }, use) => use(new Factory(as)) });

type Problem = { source: "policy" | "tests"; line: number; column: number; path: string; message: string };
type DraftError = ErrorBody & { error: { details: { problems: Problem[]; issues: { path: string; message: string }[] } } };
type Decision = { decision: string; decidingRule?: { policy: string; version: string; rule: string }; explanation: string };

/** Line and column (1-based) where `marker` first occurs in `text`. */
function positionOf(text: string, marker: string): { line: number; column: number } {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`"${marker}" is not in the text`);
  const before = text.slice(0, at).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

async function versionCount(documentId: string): Promise<number> {
  return (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "PolicyVersion" WHERE "documentId" = $1`, [documentId]))[0]!.n;
}

async function documentsNamed(name: string): Promise<number> {
  return (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "PolicyDocument" WHERE name = $1`, [name]))[0]!.n;
}

async function post(res: Promise<APIResponse>, status: number): Promise<Record<string, unknown>> {
  const r = await res;
  expect(r.status(), `${r.url()}: ${(await r.text()).slice(0, 400)}`).toBe(status);
  return (await r.json()) as Record<string, unknown>;
}

const votesUrl = (approvalId: unknown, tenant: string = OWN_TENANT) => `/api/v1/tenants/${tenant}/approvals/${String(approvalId)}/votes`;

/** The outcome of a decided request, once the worker has applied it. */
async function applied(approvalId: unknown): Promise<string> {
  await expect.poll(async () => (await approvalRow(String(approvalId)))?.appliedAt ?? null, { timeout: 15_000, message: `approval ${String(approvalId)} applied by the worker` }).not.toBeNull();
  return (await approvalRow(String(approvalId)))!.applyResult!;
}

/** Approves an activation request as `who` and waits until the worker has applied it. */
async function approveAndApply(ctx: APIRequestContext, approvalId: unknown, tenant: string = OWN_TENANT): Promise<string> {
  const approved = await post(ctx.post(votesUrl(approvalId, tenant), { data: { vote: "approve" } }), 201);
  expect(approved.state).toBe("approved");
  return applied(approvalId);
}

/** A document of acme's whose version 1 is active: written and requested by the policy author, approved by acme's policy admin. */
async function activeDocument(factory: Factory, as: (p: Persona) => Promise<APIRequestContext>) {
  const doc = await factory.policy(OWN_TENANT);
  const req = await factory.activationRequest(OWN_TENANT, doc.id);
  expect(await approveAndApply(await as(POLICY_ADMIN), req.id)).toBe(`${doc.name} v1 is active`);
  return doc;
}

/** An input the fixture document's rule decides. */
const fixtureInput = (dir: string) => ({ action: "tool.file_write", resource: { kind: "file", path: `${dir}/plan.txt` }, subject: { id: "agent-1" }, context: {} });

async function decide(ctx: APIRequestContext, input: unknown): Promise<Decision> {
  const d = (await post(ctx.post(`${base}/policy/evaluate`, { data: { input } }), 200)) as unknown as Decision;
  return { decision: d.decision, decidingRule: d.decidingRule, explanation: d.explanation };
}

const HEADER = (name: string) => `apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: ${name}
  level: tenant
`;

// Each draft has exactly one kind of mistake; `at` is the text the problem must point at.
type BadDraft = { what: string; content: (name: string) => string; tests?: string; at: string; source: "policy" | "tests"; path: string; message: RegExp; exactColumn: boolean };

const BAD_DRAFTS: BadDraft[] = [
  {
    what: "invalid YAML (a key indented out of its rule)",
    content: (n) => `${HEADER(n)}rules:
  - id: no-release-branches
    match: { actions: [tool.shell], resources: [command] }
    effect: deny
   reason: agents do not push release branches
`,
    at: "   reason: agents", source: "policy", path: "", message: /^YAML: /, exactColumn: true,
  },
  {
    what: "an unknown key",
    content: (n) => `${HEADER(n)}  owner: security-team
rules:
  - id: no-env-files
    match: { actions: [tool.file_write], resources: [file] }
    when: input.resource.path.matchesAnyGlob(['**/.env.local'])
    effect: deny
    reason: local env files hold secrets
`,
    at: "owner: security-team", source: "policy", path: "metadata.owner", message: /unknown key "owner"/, exactColumn: true,
  },
  {
    what: "a wrong type (a string where a list belongs)",
    content: (n) => `${HEADER(n)}rules:
  - id: no-env-files
    match: { actions: tool.file_write, resources: [file] }
    effect: deny
    reason: local env files hold secrets
`,
    at: "tool.file_write, resources", source: "policy", path: "rules.0.match.actions", message: /expected array/, exactColumn: true,
  },
  {
    what: "a CEL condition that does not compile",
    content: (n) => `${HEADER(n)}rules:
  - id: big-diffs-need-approval
    match: { actions: [tool.file_write], resources: [file] }
    when: input.context.linesChanged > 500 &&
    effect: require_approval
    reason: large changes are reviewed by a person
`,
    at: "input.context.linesChanged > 500", source: "policy", path: "rules.0.when", message: /rule big-diffs-need-approval: CEL does not compile/, exactColumn: true,
  },
  {
    what: "a CEL condition calling an unknown function",
    content: (n) => `${HEADER(n)}rules:
  - id: vendored-code-denied
    match: { actions: [tool.file_write], resources: [file] }
    when: input.resource.path.isVendored()
    effect: deny
    reason: vendored code is updated by the dependency bot
`,
    at: "input.resource.path.isVendored()", source: "policy", path: "rules.0.when", message: /CEL does not compile: unknown function isVendored/, exactColumn: true,
  },
  {
    // The platform denies reading secret files into an agent's context; a tenant allow for every
    // file read would claim those cases too. (Forbidden paths are not rules: the boundary refuses them.)
    what: "a tenant allow that widens a platform deny",
    content: (n) => `${HEADER(n)}rules:
  - id: migrations-need-approval
    match: { actions: [tool.file_write], resources: [file] }
    when: input.resource.path.matchesAnyGlob(['**/migrations/**'])
    effect: require_approval
    reason: migrations are reviewed
  - id: agents-read-anything
    match: { actions: [tool.file_read], resources: [file] }
    effect: allow
    reason: our agents are trusted
`,
    at: "  - id: agents-read-anything", source: "policy", path: "rules.1",
    message: /allow rule agents-read-anything conflicts with platform policy platform-tool-calls deny rule read-secrets-denied/, exactColumn: false,
  },
  {
    what: "a tenant allow for an action the platform never allows",
    content: (n) => `${HEADER(n)}rules:
  - id: agents-deploy
    match: { actions: [tool.deploy] }
    effect: allow
    reason: agents deploy to staging
`,
    at: "  - id: agents-deploy", source: "policy", path: "rules.0", message: /allow rule agents-deploy widens tool.deploy/, exactColumn: false,
  },
  {
    what: "a test referencing a rule the policy does not have",
    content: (n) => fixturePolicy(n, "e2e-unknown-rule"),
    tests: `suite: unknown rule
tests:
  - name: the fixture directory is denied
    input: { action: tool.file_write, resource: { kind: file, path: e2e-unknown-rule/a.txt }, subject: { id: agent-1 }, context: {} }
    expect: { decision: deny, rule: fixture-path-deny }
`,
    at: "    expect: { decision: deny, rule: fixture-path-deny }", source: "tests", path: "", message: /references unknown rule "fixture-path-deny"/, exactColumn: false,
  },
];

function expectProblemAt(err: DraftError, bad: BadDraft, text: string) {
  const problems = err.error.details.problems;
  const want = positionOf(text, bad.at);
  const p = problems.find((x) => bad.message.test(x.message));
  expect(p, `a problem matching ${bad.message} in ${JSON.stringify(problems)}`).toBeDefined();
  expect({ source: p!.source, line: p!.line, path: p!.path }).toEqual({ source: bad.source, line: want.line, path: bad.path });
  // Problems found after parsing (widening, test references) know their line only.
  expect(p!.column).toBe(bad.exactColumn ? want.column : 1);
  const field = bad.source === "policy" ? "body.content" : "body.tests";
  expect(err.error.details.issues).toContainEqual({ path: field, message: `line ${p!.line}, column ${p!.column}: ${p!.path ? `${p!.path}: ` : ""}${p!.message}` });
  expect(err.error.details.issues.every((i) => i.path === "body.content" || i.path === "body.tests")).toBe(true);
  expect(err.error.message).toMatch(/^\d+ problem\(s\); first: (policy|tests) line \d+: /);
}

test.describe("a draft with a problem is refused at its line, and nothing is saved", () => {
  for (const bad of BAD_DRAFTS) {
    test(`${bad.what}: save -> 422, create -> 422; the active version keeps deciding`, async ({ as, factory }) => {
      const doc = await activeDocument(factory, as);
      const admin = await as(POLICY_ADMIN);
      const input = fixtureInput(doc.dir);
      const decidedBefore = await decide(admin, input);
      expect(decidedBefore).toMatchObject({ decision: "deny", decidingRule: { policy: doc.name, version: "v1", rule: "fixture-path-denied" } });
      const before = await snapshotRow("policy", doc.id);
      const versions = await versionCount(doc.id);

      // A new version of the active document.
      const content = bad.content(doc.name);
      const tests = bad.tests ?? fixtureTests(doc.dir);
      const requestId = `e2e-${unique()}`;
      const saved = await admin.post(`${base}/policies/${doc.id}/versions`, { data: { content, tests, message: `try: ${bad.what}` }, headers: { "x-request-id": requestId } });
      expectProblemAt((await expectError(saved, 422)) as DraftError, bad, bad.source === "policy" ? content : tests);
      expect(await versionCount(doc.id)).toBe(versions);
      expect(await snapshotRow("policy", doc.id)).toEqual(before);
      expect(await auditEventsOfRequest(requestId)).toEqual([]);
      expect(await decide(admin, input)).toEqual(decidedBefore);

      // A new document with the same mistake.
      const name = `e2e-bad-${unique()}`;
      const fresh = bad.content(name);
      const created = await admin.post(`${base}/policies`, { data: { content: fresh, tests, message: `try: ${bad.what}` } });
      expectProblemAt((await expectError(created, 422)) as DraftError, bad, bad.source === "policy" ? fresh : tests);
      expect(await documentsNamed(name)).toBe(0);
      expect(await decide(admin, input)).toEqual(decidedBefore);
    });
  }

  test("every problem of a draft is reported, in line order, each at its field", async ({ as, factory }) => {
    const doc = await factory.policy(OWN_TENANT);
    const content = `${HEADER(doc.name)}  owner: security-team
rules:
  - id: a
    match: { actions: tool.file_write }
    effect: deny
    reason: x
  - id: b
    match: { actions: [tool.file_write] }
    effect: perhaps
    reason: y
`;
    const err = (await expectError(await (await as(POLICY_ADMIN)).post(`${base}/policies/${doc.id}/versions`, { data: { content, message: "many" } }), 422)) as DraftError;
    const problems = err.error.details.problems;
    expect(problems.map((p) => [p.path, p.line, p.column])).toEqual([
      ["metadata.owner", positionOf(content, "owner:").line, positionOf(content, "owner:").column],
      ["rules.0.match.actions", positionOf(content, "tool.file_write }").line, positionOf(content, "tool.file_write }").column],
      ["rules.1.effect", positionOf(content, "perhaps").line, positionOf(content, "perhaps").column],
    ]);
    expect(err.error.details.issues.map((i) => i.path)).toEqual(["body.content", "body.content", "body.content"]);
    expect(await versionCount(doc.id)).toBe(1);
  });
});

test("saving over a version someone saved after the one edited -> 409, nothing saved", async ({ as, factory }) => {
  const doc = await factory.policy(OWN_TENANT);
  const admin = await as(POLICY_ADMIN);
  const body = (reason: string) => ({ content: fixturePolicy(doc.name, doc.dir, { reason }), tests: fixtureTests(doc.dir), baseNumber: 1 });
  const v2 = await post(admin.post(`${base}/policies/${doc.id}/versions`, { data: { ...body("first edit"), message: "first edit" } }), 201);
  expect(v2).toMatchObject({ number: 2, state: "draft", documentId: doc.id });
  const stale = await expectError(await (await as(PLATFORM_ADMIN)).post(`${base}/policies/${doc.id}/versions`, { data: { ...body("second edit"), message: "second edit" } }), 409);
  expect(stale.error.message).toMatch(new RegExp(`version 2 was saved by ${POLICY_ADMIN.email} after the version 1 you edited`));
  expect(await versionCount(doc.id)).toBe(2);
  // Saving on top of the newest version works.
  await post(admin.post(`${base}/policies/${doc.id}/versions`, { data: { ...body("second edit"), baseNumber: 2, message: "second edit" } }), 201);
  expect(await versionCount(doc.id)).toBe(3);
});

test("a version whose tests fail is neither shadowed nor sent for activation -> 422", async ({ as, factory }) => {
  // The suite expects the ordinary source file to be denied, which the policy does not do. Saving
  // it is fine (that is how one gets to fix the tests); publishing it is not.
  const doc = await factory.policy(OWN_TENANT, { tests: (dir) => fixtureTests(dir, { expectOther: "deny" }), who: POLICY_ADMIN });
  const admin = await as(POLICY_ADMIN);
  const before = await snapshotRow("policy", doc.id);
  for (const step of ["shadow", "activation"]) {
    const err = await expectError(await admin.post(`${base}/policies/${doc.id}/versions/1/${step}`, { data: step === "activation" ? {} : undefined }), 422);
    expect(err.error.message).toMatch(/^version 1 cannot be published: 1 test\(s\) fail, first "an ordinary source file is still written": /);
  }
  expect(await snapshotRow("policy", doc.id)).toEqual(before);
  expect((await sql<{ state: string }>(`SELECT state::text FROM "PolicyVersion" WHERE "documentId" = $1 ORDER BY number`, [doc.id])).map((r) => r.state)).toEqual(["draft"]);
});

test.describe("activation is an approval request that a second policy admin decides", () => {
  test("the request: what would happen, who asked and wrote it; asking again returns it", async ({ as, factory }) => {
    const doc = await factory.policy(OWN_TENANT);
    const author = await factory.policyAuthor(OWN_TENANT);
    const req = await factory.activationRequest(OWN_TENANT, doc.id);
    expect(req).toMatchObject({
      kind: "policy_activation", subjectType: "policy_version", title: `Activate ${doc.name} v1`, state: "pending", created: true,
      requesterLabel: author.email, subjectAuthorLabel: author.email, contextKey: `policy:${doc.id}`, approvals: 0, denials: 0, appliedAt: null,
    });
    const again = await post((await as(author)).post(`${base}/policies/${doc.id}/versions/1/activation`, { data: {} }), 201);
    expect(again).toMatchObject({ id: req.id, created: false });
    const detail = (await post((await as(POLICY_ADMIN)).get(`${base}/policies/${doc.id}`), 200)) as { pending: { id: string; versionNumber: number } | null; requests: { id: string }[] };
    expect(detail.pending).toMatchObject({ id: req.id, versionNumber: 1 });
    expect(detail.requests.map((r) => r.id)).toEqual([req.id]);
    const approval = (await post((await as(POLICY_ADMIN)).get(`${base}/approvals/${String(req.id)}`), 200)) as { proposal: Record<string, unknown>; me: { canVote: boolean } };
    expect(approval.proposal).toMatchObject({ policy: doc.name, version: "v1", replaces: null, content: expect.stringContaining(doc.dir) });
    expect(approval.me.canVote).toBe(true);
  });

  test("the requester approving -> 403 separation of duties, nothing changes, the denial is audited; the requester may withdraw", async ({ as, factory }) => {
    const doc = await factory.policy(OWN_TENANT);
    const req = await factory.activationRequest(OWN_TENANT, doc.id);
    const requester = await factory.policyAuthor(OWN_TENANT);
    const before = await snapshotRow("policy", doc.id);
    const requestId = `e2e-${unique()}`;
    const res = await (await as(requester)).post(votesUrl(req.id), { data: { vote: "approve" }, headers: { "x-request-id": requestId } });
    await expectError(res, 403, /^separation of duties: you raised this request/);
    expect(await snapshotRow("policy", doc.id)).toEqual(before);
    expect(await voteCount(String(req.id))).toBe(0);
    expect((await auditEventsOfRequest(requestId)).map((e) => [e.action, e.decision, e.tenant, e.actorLabel])).toEqual([["approval.vote", "deny", OWN_TENANT, requester.email]]);
    // Withdrawing one's own request is allowed; the version stays a draft.
    expect(await post((await as(requester)).post(`${base}/approvals/${String(req.id)}/cancel`, { data: { reason: "not yet" } }), 200)).toEqual({ id: req.id, state: "cancelled" });
    expect(await applied(req.id)).toBe(`${doc.name} v1 stays draft: activation cancelled`);
    expect((await sql<{ state: string }>(`SELECT state::text FROM "PolicyVersion" WHERE "documentId" = $1`, [doc.id])).map((r) => r.state)).toEqual(["draft"]);
  });

  test("the version's author approving someone else's request -> 403 separation of duties; only the requester withdraws", async ({ as, factory }) => {
    const doc = await factory.policy(OWN_TENANT, { who: POLICY_ADMIN });
    const req = await factory.activationRequest(OWN_TENANT, doc.id, { who: PLATFORM_ADMIN });
    const before = await snapshotRow("policy", doc.id);
    await expectError(await (await as(POLICY_ADMIN)).post(votesUrl(req.id), { data: { vote: "approve" } }), 403, /^separation of duties: you wrote what this request is about/);
    expect(await snapshotRow("policy", doc.id)).toEqual(before);
    await expectError(await (await as(POLICY_ADMIN)).post(`${base}/approvals/${String(req.id)}/cancel`, { data: {} }), 403, "only the person who raised a request can withdraw it");
    expect(await snapshotRow("policy", doc.id)).toEqual(before);
  });

  test("two admins approving at once: one 201, one 409; activated once, audited once", async ({ as, factory }) => {
    const doc = await factory.policy(OWN_TENANT);
    const req = await factory.activationRequest(OWN_TENANT, doc.id);
    const [a, b] = await Promise.all([POLICY_ADMIN, PLATFORM_ADMIN].map(async (who) => (await as(who)).post(votesUrl(req.id), { data: { vote: "approve" } })));
    expect([a!.status(), b!.status()].sort()).toEqual([201, 409]);
    const late = [a!, b!].find((r) => r.status() === 409)!;
    await expectError(late, 409, /^this request is already approved \(approved by .+\); nothing was recorded$/);
    expect(await voteCount(String(req.id))).toBe(1);
    expect(await applied(req.id)).toBe(`${doc.name} v1 is active`);
    expect((await sql<{ state: string }>(`SELECT state::text FROM "PolicyVersion" WHERE "documentId" = $1`, [doc.id])).map((r) => r.state)).toEqual(["active"]);
    const about = (await auditEventsAbout(String(req.id))).map((e) => e.action);
    expect(about.filter((x) => x === "approval.decide")).toHaveLength(1);
    expect(about.filter((x) => x === "approval.apply")).toHaveLength(1);
    expect((await auditEventsAbout(doc.id)).filter((e) => e.action === "policy.version.activate").map((e) => e.actorLabel)).toEqual(["worker"]);
    // A late click afterwards is refused the same way.
    await expectError(await (await as(POLICY_ADMIN)).post(votesUrl(req.id), { data: { vote: "approve" } }), 409, /already approved/);
  });

  test("a denial needs a reason and leaves the version as it was", async ({ as, factory }) => {
    const doc = await factory.policy(OWN_TENANT);
    const req = await factory.activationRequest(OWN_TENANT, doc.id);
    const err = await expectError(await (await as(POLICY_ADMIN)).post(votesUrl(req.id), { data: { vote: "deny" } }), 422, /^a reason is required to deny/);
    expect(err.error.details?.issues).toEqual([{ path: "body.reason", message: "required to deny this request" }]);
    expect(await voteCount(String(req.id))).toBe(0);
    expect(await post((await as(POLICY_ADMIN)).post(votesUrl(req.id), { data: { vote: "deny", reason: "the fixture directory is still in use" } }), 201)).toMatchObject({ state: "denied" });
    expect(await applied(req.id)).toBe(`${doc.name} v1 stays draft: activation denied`);
  });

  test("approving activates the version and retires the one before; the new version decides at once", async ({ as, factory }) => {
    const doc = await activeDocument(factory, as);
    const admin = await as(POLICY_ADMIN);
    const input = fixtureInput(doc.dir);
    expect(await decide(admin, input)).toMatchObject({ decision: "deny", decidingRule: { version: "v1" } });
    const author = await as(await factory.policyAuthor(OWN_TENANT));
    await post(author.post(`${base}/policies/${doc.id}/versions`, {
      data: { content: fixturePolicy(doc.name, doc.dir, { reason: "now approval, not a flat no" }).replace("effect: deny", "effect: require_approval"), tests: fixtureTests(doc.dir).replace("decision: deny", "decision: require_approval"), message: "soften", baseNumber: 1 },
    }), 201);
    const req = await factory.activationRequest(OWN_TENANT, doc.id, { number: 2 });
    expect(await approveAndApply(admin, req.id)).toBe(`${doc.name} v2 is active; v1 retired`);
    expect((await sql<{ number: number; state: string }>(`SELECT number, state::text FROM "PolicyVersion" WHERE "documentId" = $1 ORDER BY number`, [doc.id]))).toEqual([
      { number: 1, state: "retired" }, { number: 2, state: "active" },
    ]);
    expect(await decide(admin, input)).toMatchObject({ decision: "require_approval", decidingRule: { policy: doc.name, version: "v2", rule: "fixture-path-denied" } });
  });
});

test.describe("another tenant's documents answer like missing ones", () => {
  test("a globex document through acme -> 404 on every route that names it, nothing changes", async ({ as, factory }) => {
    const foreign = await factory.policy(FOREIGN_TENANT);
    const before = await snapshotRow("policy", foreign.id);
    const missing = await expectError(await (await as(POLICY_ADMIN)).get(`${base}/policies/no-such-document`), 404);
    for (const who of [POLICY_ADMIN, PLATFORM_ADMIN]) {
      const ctx = await as(who);
      const d = foreign.id;
      const answers = [
        await ctx.get(`${base}/policies/${d}`),
        await ctx.get(`${base}/policies/${d}/versions/1`),
        await ctx.post(`${base}/policies/${d}/versions`, { data: { content: fixturePolicy(foreign.name, foreign.dir), tests: fixtureTests(foreign.dir), message: "x" } }),
        await ctx.post(`${base}/policies/${d}/versions/1/shadow`),
        await ctx.post(`${base}/policies/${d}/versions/1/activation`, { data: {} }),
        await ctx.post(`${base}/policies/${d}/versions/1/rollback`, { data: {} }),
        await ctx.post(`${base}/policy/evaluate`, { data: { input: fixtureInput(foreign.dir), against: { kind: "version", documentId: d, number: 1 } } }),
        await ctx.post(`${base}/policy/evaluate`, { data: { input: fixtureInput(foreign.dir), against: { kind: "draft", documentId: d, content: fixturePolicy(foreign.name, foreign.dir) } } }),
        await ctx.post(`${base}/policy/preview`, { data: { content: fixturePolicy(foreign.name, foreign.dir), documentId: d } }),
        await ctx.post(`${base}/policy/blast-radius`, { data: { content: fixturePolicy(foreign.name, foreign.dir), documentId: d } }),
      ];
      for (const res of answers) {
        const err = await expectError(res, 404);
        expect({ code: err.error.code, message: err.error.message }, res.url()).toEqual({ code: missing.error.code, message: missing.error.message });
      }
    }
    expect(await snapshotRow("policy", foreign.id)).toEqual(before);
  });

  test("a globex activation request through acme -> 404, nothing recorded", async ({ as, factory }) => {
    const foreignDoc = await factory.policy(FOREIGN_TENANT);
    const foreignReq = await factory.activationRequest(FOREIGN_TENANT, foreignDoc.id);
    const before = await snapshotRow("policy", foreignDoc.id);
    await expectError(await (await as(PLATFORM_ADMIN)).post(votesUrl(foreignReq.id), { data: { vote: "approve" } }), 404, "approval request not found");
    await expectError(await (await as(PLATFORM_ADMIN)).get(`${base}/approvals/${String(foreignReq.id)}`), 404, "approval request not found");
    expect(await snapshotRow("policy", foreignDoc.id)).toEqual(before);
    expect(await voteCount(String(foreignReq.id))).toBe(0);
  });

  test("a globex document never decides in acme, and is not listed there", async ({ as, factory }) => {
    // Activate a globex document whose rule would deny this very input.
    const foreign = await factory.policy(FOREIGN_TENANT);
    const req = await factory.activationRequest(FOREIGN_TENANT, foreign.id);
    await approveAndApply(await as(PLATFORM_ADMIN), req.id, FOREIGN_TENANT);
    const input = fixtureInput(foreign.dir);
    const inGlobex = (await post((await as(PLATFORM_ADMIN)).post(`/api/v1/tenants/${FOREIGN_TENANT}/policy/evaluate`, { data: { input } }), 200)) as unknown as Decision;
    expect(inGlobex).toMatchObject({ decision: "deny", decidingRule: { policy: foreign.name } });
    const inAcme = await decide(await as(POLICY_ADMIN), input);
    expect(inAcme.decision).toBe("allow");
    expect(JSON.stringify(inAcme)).not.toContain(foreign.name);
    const list = (await post((await as(POLICY_ADMIN)).get(`${base}/policies`), 200)) as { documents: { id: string; scope: string }[] };
    expect(list.documents.map((d) => d.id)).not.toContain(foreign.id);
    // Platform documents are everyone's, and only policy.platform (platform admins) changes them.
    const platform = list.documents.filter((d) => d.scope === "platform");
    expect(platform.length).toBeGreaterThan(0);
    const doc = (await post((await as(POLICY_ADMIN)).get(`${base}/policies/${platform[0]!.id}`), 200)) as { name: string; editable: boolean; active: { number: number } };
    expect(doc.editable).toBe(false);
    const v = (await post((await as(POLICY_ADMIN)).get(`${base}/policies/${platform[0]!.id}/versions/${doc.active.number}`), 200)) as { content: string; tests: string };
    const before = await snapshotRow("policy", platform[0]!.id);
    await expectError(await (await as(POLICY_ADMIN)).post(`${base}/policies/${platform[0]!.id}/versions`, { data: { content: v.content, tests: v.tests, message: "tenant edit" } }), 403, "missing permission policy.platform: a platform policy governs every tenant");
    expect(await snapshotRow("policy", platform[0]!.id)).toEqual(before);
  });
});
