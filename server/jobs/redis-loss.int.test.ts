// Redis keeps nothing on disk, so a restart empties every queue. Here every key of the app's queue
// prefix is deleted in the middle of a load of runs, approval outcomes and webhook deliveries: the
// worker puts its reconcilers' schedules back by itself, the reconcilers enqueue again from
// PostgreSQL what was lost, and everything completes exactly once.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../e2e/support/webhook-receiver";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { db } from "../db/client";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { createTask } from "../runs/create-task";
import { createTestTenant } from "../test/create-tenant";
import { emptyQueuePrefix } from "../test/empty-queue-prefix";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { createWebhook } from "../webhooks/create-webhook";
import { DELIVERY_HEADER } from "../webhooks/signature";
import { ZCreateWebhook } from "../webhooks/webhook-input";
import { until } from "../webhooks/test-support";
import { JOB_HANDLERS } from "../wiring/job-handlers";
import { startWorkers, type RunningWorkers } from "./start-workers";

const prefix = ownApprovalQueues("redis-loss");

let tenant: TestTenant;
let operator: TestPerson;
let approver: TestPerson;
let repositoryId: string;
let endpointId: string;
let receiver: WebhookReceiver;
let workers: RunningWorkers | undefined;

const recipe = (steps: string) => `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: redis-loss }\nsteps:\n${steps}`;
const start = (steps: string) =>
  runAs(operator.id, tenant, "redis-loss", (ctx) => createTask(ctx, {
    repositoryId, taskClass: "docs_update", instruction: "redis loss", autonomy: "dry_run_patch", agent: { kind: "recipe", recipe: recipe(steps) },
  }));

beforeAll(async () => {
  tenant = await createTestTenant("redis-loss");
  operator = await addPerson(tenant, ["operator"], "operator");
  approver = await addPerson(tenant, ["approver"], "approver");
  const admin = await addPerson(tenant, ["tenant_admin"], "admin");
  const remotes = await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")));
  repositoryId = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "docs-site", remoteUrl: remotes.get("acme/docs-site")!, verifierProfile: "node-test" } })).id;
  receiver = await startWebhookReceiver();
  endpointId = (await runAs(admin.id, tenant, "redis-loss", (ctx) => createWebhook(ctx, ZCreateWebhook.parse({ url: receiver.url })))).id;
});

afterAll(async () => {
  await workers?.close();
  await receiver?.close();
});

describe("losing every Redis key mid-load", () => {
  it("loses nothing: every run, approval outcome and webhook delivery completes exactly once", { timeout: 240_000 }, async () => {
    workers = await startWorkers(JOB_HANDLERS, { concurrency: 2, scheduleCheckMs: 500 });
    // Runs that stop to ask for the network, and plain ones behind them.
    const asking = await Promise.all([1, 2, 3].map((i) => start(`  - write: { path: ASK-${i}.md, content: "${i}\\n" }\n  - run: curl --version\n`)));
    const approvals = await until("the asking runs to wait for approval", async () => {
      const rows = await db.run.findMany({ where: { id: { in: asking.map((r) => r.runId) }, state: "awaiting_approval" }, select: { approvalId: true } });
      return rows.length === asking.length && rows.map((r) => r.approvalId!);
    }, 60_000);
    const plain = await Promise.all([1, 2, 3, 4, 5].map((i) => start(`  - write: { path: PLAIN-${i}.md, content: "${i}\\n" }\n  - run: sleep 1\n`)));
    for (const id of approvals) await runAs(approver.id, tenant, "redis-loss", (ctx) => voteOnApproval(ctx, id, { vote: "approve", reason: "fine" }));

    expect(await emptyQueuePrefix(prefix)).toBeGreaterThan(0);

    const runIds = [...asking, ...plain].map((r) => r.runId);
    await until("every run to succeed", async () => (await db.run.count({ where: { id: { in: runIds }, state: "succeeded" } })) === runIds.length, 180_000);
    await until("every outcome to be applied", async () => (await db.approvalRequest.count({ where: { id: { in: approvals }, appliedAt: { not: null } } })) === approvals.length, 60_000);
    await until("every delivery to be delivered", async () => {
      const rows = await db.webhookDelivery.findMany({ where: { endpointId }, select: { state: true } });
      // approval.requested and approval.decided for each request.
      return rows.length >= 2 * approvals.length && rows.every((r) => r.state === "delivered");
    }, 120_000);

    for (const runId of runIds) {
      const transitions = await db.runEvent.findMany({ where: { runId, kind: "transition" }, select: { toState: true } });
      expect(transitions.filter((t) => t.toState === "succeeded"), runId).toHaveLength(1);
      expect(await db.runArtifact.count({ where: { runId, kind: "patch" } }), runId).toBe(1);
    }
    for (const id of approvals) {
      expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "approval.apply", resourceId: id } }), id).toBe(1);
    }
    const deliveries = await db.webhookDelivery.findMany({ where: { endpointId }, select: { id: true } });
    const received = receiver.received.map((r) => r.headers[DELIVERY_HEADER.toLowerCase()]);
    expect([...received].sort()).toEqual(deliveries.map((d) => d.id).sort());
  });
});
