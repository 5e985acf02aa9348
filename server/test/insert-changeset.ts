// Integration-test helper: a changeset written straight to the database, with the task and run it
// belongs to, as the publisher and the webhook receiver would leave it (no GitHub, no worker), so
// the read side can be tested against any state, time and risk.
import { randomBytes } from "node:crypto";
import { db } from "../db/client";
import type { ChangesetState, Prisma } from "../db/generated/client";
import type { TestTenant } from "./run-as";

export type ChangesetRow = {
  repositoryId: string;
  state?: ChangesetState;
  taskClass?: string;
  mode?: string;
  riskScore?: number;
  riskParts?: Prisma.InputJsonValue;
  reviewState?: string;
  checksState?: string;
  campaignId?: string | null;
  createdAt?: Date;
  set?: Partial<Prisma.ChangesetUncheckedCreateInput>;
  run?: Partial<Prisma.RunUncheckedCreateInput>;
  events?: { kind: string; message: string; fromState?: ChangesetState; toState?: ChangesetState; at?: Date; data?: Prisma.InputJsonObject }[];
};

export async function insertChangeset(tenant: TestTenant, o: ChangesetRow) {
  const u = randomBytes(5).toString("hex");
  const taskClass = o.taskClass ?? "config_migration";
  const mode = o.mode ?? "draft_pr";
  const task = await db.task.create({ data: { tenantId: tenant.id, repositoryId: o.repositoryId, taskClass, agentKind: "recipe", instruction: `test ${u}`, autonomy: mode, requesterLabel: "test@example.test", campaignId: o.campaignId ?? null } });
  const run = await db.run.create({
    data: { tenantId: tenant.id, taskId: task.id, repositoryId: o.repositoryId, taskClass, requesterLabel: "test@example.test", campaignId: o.campaignId ?? null, state: "succeeded", ...o.run },
  });
  const changeset = await db.changeset.create({
    data: {
      tenantId: tenant.id, taskId: task.id, repositoryId: o.repositoryId, runId: run.id, campaignId: o.campaignId ?? null,
      taskClass, mode, state: o.state ?? "open", branch: `fleetgate/${taskClass.replaceAll("_", "-")}/${u}`, baseBranch: "main",
      riskScore: o.riskScore ?? 1, riskParts: o.riskParts ?? [{ fact: "repository tier", points: 1, why: "the repository is standard risk" }],
      reviewState: o.reviewState ?? "none", checksState: o.checksState ?? "none",
      labels: ["agent-generated"], reviewers: [],
      ...(o.createdAt ? { createdAt: o.createdAt } : {}),
      ...o.set,
    },
  });
  let seq = 0;
  for (const e of o.events ?? []) {
    await db.changesetEvent.create({
      data: { tenantId: tenant.id, changesetId: changeset.id, seq: ++seq, kind: e.kind, message: e.message, fromState: e.fromState ?? null, toState: e.toState ?? null, at: e.at ?? new Date(), data: e.data },
    });
  }
  return { changeset, run, task };
}

/** A later attempt of a changeset's task: a new run that takes the changeset over (as a retry's publish does). */
export async function republish(tenant: TestTenant, changesetId: string) {
  const c = await db.changeset.findUniqueOrThrow({ where: { id: changesetId } });
  const earlier = await db.run.findUniqueOrThrow({ where: { id: c.runId } });
  const run = await db.run.create({
    data: { tenantId: tenant.id, taskId: c.taskId, repositoryId: c.repositoryId, taskClass: c.taskClass, requesterLabel: earlier.requesterLabel, attempt: earlier.attempt + 1, state: "succeeded" },
  });
  await db.changeset.update({ where: { id: changesetId }, data: { runId: run.id } });
  return { run, earlier };
}
