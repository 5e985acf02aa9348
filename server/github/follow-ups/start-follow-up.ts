// The `github.start-follow-up` job: the follow-up run for the feedback pending on the request's
// changeset, admitted as the member who asked first (admit-follow-up.ts). Applies once: a request
// already started or refused changes nothing. A refusal (policy, kill switch, the changeset or its
// runs moved on, the member gone) is kept on every pending request and on the changeset's timeline,
// with an audit event; anything else throws and the job is retried.
import { randomBytes } from "node:crypto";
import { appendAuditEvent } from "../../audit/append-event";
import { AppError } from "../../core/app-error";
import { runOperation } from "../../core/op-context";
import { db } from "../../db/client";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { admitFollowUp } from "./admit-follow-up";
import { memberById } from "./follow-up-facts";

export async function startFollowUp(requestId: string): Promise<string> {
  const req = await db.followUpRequest.findUnique({ where: { id: requestId }, select: { state: true, runId: true, changesetId: true, tenantId: true } });
  if (!req) return "no such follow-up request";
  if (req.state !== "pending") return `nothing to do: the request is ${req.state}${req.runId ? ` (run ${req.runId})` : ""}`;
  // Admitted as whoever asked first of the feedback it acts on.
  const first = await db.followUpRequest.findFirst({ where: { changesetId: req.changesetId, state: "pending" }, orderBy: { at: "asc" }, select: { userId: true, githubLogin: true } });
  if (!first) return "nothing to do: its feedback was acted on";
  const member = await memberById(db, req.tenantId, first.userId);
  if (!member) return refuse(req, `${first.githubLogin}, who asked, is no longer a member of the tenant`);
  try {
    const started = await runOperation(member.scope, { requestId: `follow-up-${randomBytes(4).toString("hex")}`, ip: null }, "run.follow_up", (ctx) => admitFollowUp(ctx, req.changesetId, member));
    return started ? `follow-up run ${started.runId} ${started.state} on feedback by ${started.reviewers.join(", ")}` : "nothing to do: its feedback was acted on";
  } catch (e) {
    if (e instanceof AppError) return refuse(req, e.message);
    throw e;
  }
}

async function refuse(req: { changesetId: string; tenantId: string }, reason: string): Promise<string> {
  await db.$transaction(async (tx) => {
    const refused = await tx.followUpRequest.findMany({ where: { changesetId: req.changesetId, tenantId: req.tenantId, state: "pending" }, select: { id: true, key: true, githubLogin: true } });
    if (!refused.length) return;
    await tx.followUpRequest.updateMany({ where: { id: { in: refused.map((r) => r.id) }, state: "pending" }, data: { state: "refused", reason: reason.slice(0, 1_000), decidedAt: new Date() } });
    const reviewers = [...new Set(refused.map((r) => r.githubLogin))];
    await appendChangesetEvent(tx, { id: req.changesetId, tenantId: req.tenantId }, {
      kind: "follow_up", message: `no follow-up run on review feedback by ${reviewers.join(", ")}: ${reason}`, data: { keys: refused.map((r) => r.key), refused: reason },
    });
    await appendAuditEvent(tx, {
      tenantId: req.tenantId, actorType: "system", actorLabel: "worker", action: "changeset.follow_up_refused", resourceType: "changeset", resourceId: req.changesetId,
      after: { reason, reviewers, keys: refused.map((r) => r.key) },
    });
  });
  return `no follow-up run: ${reason}`;
}
