// What the console and the API read and do with runs: the filtered, keyset-paged list, the detail,
// the timeline from a sequence number, the redacted patch, the replay package with its digest, and
// pausing the scheduler. Real database, real sandbox, a demo remote.
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import canonicalize from "canonicalize";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { readContext } from "../core/read-context";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { createTestTenant } from "../test/create-tenant";
import { POST as pauseRoute } from "@/app/api/v1/tenants/[tenant]/scheduler/pause/route";
import { POST as resumeRoute } from "@/app/api/v1/tenants/[tenant]/scheduler/resume/route";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { addPerson, ownApprovalQueues, runAs, scopeAs, type TestPerson, type TestTenant } from "../test/run-as";
import { createTask } from "./create-task";
import { executeRun } from "./execute-run";
import { getRun } from "./get-run";
import { getRunPatch } from "./get-run-patch";
import { listRunEvents } from "./list-run-events";
import { listRuns } from "./list-runs";
import { ZRunFilter } from "./run-input";
import { runReplayPackage } from "./replay-package";
import { retryRun } from "./retry-run";
import { pauseScheduler, resumeScheduler, schedulerState } from "./scheduler-pause";

ownApprovalQueues("run-console");

let tenant: TestTenant;
let other: TestTenant;
let operator: TestPerson;
let viewer: TestPerson;
let admin: TestPerson;
let repositoryId: string;
let docsRepoId: string;

const recipe = (steps: string) => `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: console-test }\nsteps:\n${steps}`;
const start = (steps: string, repo = () => repositoryId, taskClass: "config_migration" | "docs_update" = "config_migration") =>
  runAs(operator.id, tenant, "console", (ctx) => createTask(ctx, { repositoryId: repo(), taskClass, instruction: "console test", autonomy: "dry_run_patch", agent: { kind: "recipe", recipe: recipe(steps) } }));
const reader = async (who: TestPerson, t = tenant) => readContext(await scopeAs(who.id, t));
const list = async (who: TestPerson, q: Record<string, unknown> = {}) => listRuns(await reader(who), ZRunFilter.parse(q));

beforeAll(async () => {
  tenant = await createTestTenant("console");
  other = await createTestTenant("console-other");
  operator = await addPerson(tenant, ["operator"], "operator");
  viewer = await addPerson(tenant, ["viewer"], "viewer");
  admin = await addPerson(tenant, ["tenant_admin", "auditor"], "admin");
  const remotes = await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")));
  repositoryId = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "web-frontend", remoteUrl: remotes.get("acme/web-frontend")!, verifierProfile: "node-test" } })).id;
  docsRepoId = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "docs-site", remoteUrl: remotes.get("acme/docs-site")!, verifierProfile: "node-test" } })).id;
});

describe("the runs list", () => {
  it("shows open runs by default, filters on the server and pages by keyset without gaps or repeats", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await start(`  - write: { path: F${i}.md, content: "x" }\n`)).runId);
    const docs = (await start(`  - write: { path: D.md, content: "x" }\n`, () => docsRepoId, "docs_update")).runId;
    await db.run.update({ where: { id: ids[0]! }, data: { state: "failed", failureClass: "agent_error", finishedAt: new Date() } });

    const open = await list(viewer);
    expect(open.runs.map((r) => r.id)).not.toContain(ids[0]);
    expect(open.runs.map((r) => r.id)).toEqual(expect.arrayContaining([...ids.slice(1), docs]));
    expect((await list(viewer, { view: "all" })).runs.map((r) => r.id)).toContain(ids[0]);
    expect((await list(viewer, { state: "failed" })).runs.map((r) => r.id)).toEqual([ids[0]]);
    expect((await list(viewer, { view: "all", repositoryId: docsRepoId })).runs.map((r) => r.id)).toEqual([docs]);
    expect((await list(viewer, { view: "all", taskClass: "docs_update" })).runs.map((r) => r.id)).toEqual([docs]);
    const [first] = (await list(viewer, { view: "all", repositoryId: docsRepoId })).runs;
    expect(first).toMatchObject({ repository: { id: docsRepoId, fullName: "acme/docs-site" }, agentKind: "recipe", autonomy: "dry_run_patch", state: "queued" });
    expect((await list(viewer, { view: "all", requester: first!.requesterLabel })).runs).toHaveLength(6);
    expect((await list(viewer, { view: "all", from: new Date(Date.now() + 60_000).toISOString() })).runs).toEqual([]);

    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await list(viewer, { view: "all", limit: 4, ...(after ? { after } : {}) });
      seen.push(...r.runs.map((x) => x.id));
      if (!r.nextAfter) break;
      after = r.nextAfter;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it("answers bad filters with the field named, and another tenant's runs are not there", async () => {
    expect(ZRunFilter.safeParse({ state: "exploded" }).error?.issues[0]?.path).toEqual(["state"]);
    expect(ZRunFilter.safeParse({ from: "yesterday" }).error?.issues[0]?.path).toEqual(["from"]);
    expect(ZRunFilter.safeParse({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }).error?.issues[0]?.path).toEqual(["to"]);
    const outsider = await addPerson(other, ["tenant_admin"], "outsider");
    expect((await list(outsider, { view: "all" }).then((r) => r.runs, () => [])).length).toBe(0);
    const mine = (await list(viewer, { view: "all" })).runs[0]!.id;
    await expect(getRun(await reader(outsider, other), mine)).rejects.toMatchObject({ code: "not_found" });
    // A cursor from another tenant starts nowhere.
    expect(await listRuns(await reader(outsider, other), ZRunFilter.parse({ view: "all", after: mine }))).toEqual({ runs: [], nextAfter: null });
  });
});

describe("a finished run's detail, timeline, patch and replay package", () => {
  it("shows what happened, redacts the patch for display and packages everything with a digest", async () => {
    const secret = "AKIAIOSFODNN7EXAMPLE";
    const { runId } = await start(`  - write: { path: docs/NOTES.md, content: "key ${secret}\\n" }\n  - run: cat docs/NOTES.md\n`, () => docsRepoId, "docs_update");
    expect(await executeRun(runId)).toBe("succeeded");

    const detail = await getRun(await reader(viewer), runId);
    expect(detail.run).toMatchObject({ id: runId, state: "succeeded", toolCalls: 3, repository: { fullName: "acme/docs-site" } });
    expect(detail.baseSha).toMatch(/^[0-9a-f]{40}$/);
    expect(detail.effectivePolicyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.artifacts).toEqual([expect.objectContaining({ kind: "patch", restricted: false })]);
    expect(detail.can).toEqual({ cancel: false, retry: false, downloadRestricted: false });
    // Once in the content written (its event's arguments), once in what `cat` printed.
    expect(detail.redactions).toMatchObject({ aws_key: 2 });

    const all = await listRunEvents(await reader(viewer), runId, { afterSeq: 0, limit: 200 });
    expect(all.ended).toBe(true);
    expect(all.events.map((e) => e.seq)).toEqual(all.events.map((_, i) => i + 1));
    expect(all.events.at(-1)).toMatchObject({ kind: "transition", toState: "succeeded" });
    const tail = await listRunEvents(await reader(viewer), runId, { afterSeq: all.events.length - 2, limit: 1 });
    expect(tail).toMatchObject({ more: true, events: [{ seq: all.events.length - 1 }] });
    expect(JSON.stringify(all.events)).not.toContain(secret);

    const patch = await getRunPatch(await reader(viewer), runId);
    expect(patch.content).toContain("docs/NOTES.md");
    expect(patch.content).not.toContain(secret);
    expect(patch.redactions).toMatchObject({ aws_key: 1 });
    const stored = await db.runArtifact.findFirstOrThrow({ where: { runId, kind: "patch" } });
    expect(patch.sha256).toBe(createHash("sha256").update(stored.content).digest("hex"));

    const replay = (await runReplayPackage(await reader(viewer), runId)).data as Record<string, unknown> & { digest: { value: string } };
    expect(replay).toMatchObject({ format: "fleetgate.replay/v1", baseSha: detail.baseSha, policy: { effectivePolicyHash: detail.effectivePolicyHash } });
    expect((replay.toolCalls as unknown[]).length).toBe(3);
    expect((replay.decisions as { action: string }[]).map((d) => d.action)).toEqual(["tool.file_write", "tool.shell", "tool.finish"]);
    expect(JSON.stringify(replay)).not.toContain(secret);
    const { digest, ...body } = replay;
    expect(digest.value).toBe(createHash("sha256").update(canonicalize(body)!).digest("hex"));
  });

  it("keeps a patch that broke the boundary from those who may not read evidence", async () => {
    const { runId } = await start(`  - run: "mkdir -p .github/workflows && echo on-push > .github/workflows/ci.yml"\n`);
    expect(await executeRun(runId)).toMatch(/^failed/);
    await expect(getRunPatch(await reader(viewer), runId)).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("audit.read") });
    expect((await getRunPatch(await reader(admin), runId)).restricted).toBe(true);
    const replay = (await runReplayPackage(await reader(viewer), runId)).data as { patch: { omitted?: string } };
    expect(replay.patch.omitted).toContain("restricted evidence");
  });
});

describe("pausing the scheduler", () => {
  it("holds queued runs (running ones would go on), answers a second pause with the first, refuses a global pause by a tenant admin, and resumes them", async () => {
    const paused = await runAs(admin.id, tenant, "console", (ctx) => pauseScheduler(ctx, { scope: "tenant", reason: "maintenance window" }));
    expect(paused.tenant).toMatchObject({ reason: "maintenance window" });
    const { runId } = await start(`  - write: { path: docs/P.md, content: "x" }\n`, () => docsRepoId, "docs_update");
    expect(await executeRun(runId)).toMatch(/^waiting: the scheduler is paused/);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).state).toBe("queued");
    // Asking again changes nothing: the first pause and its reason stand.
    expect((await runAs(admin.id, tenant, "console", (ctx) => pauseScheduler(ctx, { scope: "tenant", reason: "again" }))).tenant).toMatchObject({ reason: "maintenance window" });
    // The global scheduler needs scheduler.global, which the routes declare: refused before anything runs, and recorded.
    const token = await tokenOf(admin, tenant, ["tenant_admin"]);
    for (const [handler, path, body] of [[pauseRoute, "/scheduler/pause", { scope: "global", reason: "everything" }], [resumeRoute, "/scheduler/resume", { scope: "global" }]] as const) {
      const refused = await callRoute(handler, { token, tenant, path, body });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: "forbidden", message: "missing permission scheduler.global: the global scheduler holds every tenant's runs", details: { permission: "scheduler.global" } });
      expect(await auditOfRequest(refused.requestId)).toEqual([[path === "/scheduler/pause" ? "scheduler.pause" : "scheduler.resume", "deny"]]);
    }
    expect(await db.schedulerPause.count({ where: { scope: "global" } })).toBe(0);
    const resumed = await runAs(admin.id, tenant, "console", (ctx) => resumeScheduler(ctx, { scope: "tenant" }));
    expect(resumed.tenant).toBeNull();
    expect((await schedulerState(await reader(viewer))).waiting).toBeGreaterThan(0);
    expect(await executeRun(runId)).toBe("succeeded");
    const actions = (await db.auditEvent.findMany({ where: { tenantId: tenant.id, action: { startsWith: "scheduler." }, decision: "success" }, orderBy: { seq: "asc" }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(["scheduler.pause", "scheduler.pause", "scheduler.resume"]);
  });
});

describe("retrying a run", () => {
  it("runs the same task again as the next attempt; a run that has not ended cannot be retried", async () => {
    const { runId, taskId } = await start(`  - run: "exit 3"\n`, () => docsRepoId, "docs_update");
    await expect(runAs(operator.id, tenant, "console", (ctx) => retryRun(ctx, runId, {}))).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("only a run that ended") });
    expect(await executeRun(runId)).toMatch(/^failed/);
    const again = await runAs(operator.id, tenant, "console", (ctx) => retryRun(ctx, runId, { reason: "try once more" }));
    expect(again).toMatchObject({ taskId, state: "queued" });
    expect(await db.run.findUniqueOrThrow({ where: { id: again.runId } })).toMatchObject({ attempt: 2, taskId, state: "queued" });
    // A second retry while attempt 2 is open (a double click) is refused; once it has ended, it is not.
    await expect(runAs(operator.id, tenant, "console", (ctx) => retryRun(ctx, runId, {}))).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("attempt 2 of this task") });
    expect(await executeRun(again.runId)).toMatch(/^failed/);
    const third = await runAs(operator.id, tenant, "console", (ctx) => retryRun(ctx, runId, {}));
    expect((await db.run.findUniqueOrThrow({ where: { id: third.runId } })).attempt).toBe(3);
    const detail = await getRun(await reader(viewer), again.runId);
    expect(detail.attempts.map((a) => a.attempt)).toEqual([3, 2, 1]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, action: "run.retry", resourceId: runId }, orderBy: { seq: "asc" } });
    expect(audit.after).toMatchObject({ retriedAs: again.runId, attempt: 2, reason: "try once more" });
  });
});
