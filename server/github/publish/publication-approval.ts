// supervised_pr: a person approves each attempt's publication in Fleetgate before its PR is created
// or updated. The request is raised as the run's requester (who therefore cannot approve it) and
// names exactly what would be published; the approvals consumer re-enqueues the publication once it
// is decided (server/wiring/approval-consumers.ts).
import { requestApproval } from "../../approvals/request-approval";
import { AppError } from "../../core/app-error";
import { db } from "../../db/client";
import { asRequester, type RunContext } from "../../runs/run-context";
import { transitionChangeset } from "../changesets/changeset-transitions";
import type { Plan } from "./publication-plan";

export type PublicationApproval = { state: "approved" | "pending" | "denied"; reason: string };

export const publishAction = (runId: string) => `publish:${runId}`;

export async function publicationApproval(run: RunContext, cs: { id: string; branch: string }, plan: Plan): Promise<PublicationApproval> {
  const action = publishAction(run.id);
  const last = await db.approvalRequest.findFirst({ where: { tenantId: run.tenantId, subjectType: "changeset", subjectId: cs.id, action }, orderBy: { createdAt: "desc" } });
  if (last?.state === "approved") return { state: "approved", reason: `approved (request ${last.id})` };
  if (last?.state === "pending") return { state: "pending", reason: `request ${last.id} waits for a decision` };
  if (last) return { state: "denied", reason: `the publication was ${last.state}${last.outcomeReason ? `: ${last.outcomeReason}` : ""} (request ${last.id})` };
  try {
    const request = await asRequester(run, "changeset.request_publish", async (ctx) => {
      const r = await requestApproval(ctx, {
        kind: "pr_publish", subjectType: "changeset", subjectId: cs.id, action,
        title: `Publish a PR on ${run.repository.owner}/${run.repository.name}: ${plan.title}`.slice(0, 200),
        proposal: {
          repository: `${run.repository.owner}/${run.repository.name}`, branch: cs.branch, runId: run.id, attempt: run.attempt, labels: plan.labels,
          risk: { score: plan.risk.score, level: plan.risk.level, parts: plan.risk.parts }, files: plan.changedPaths.slice(0, 100),
          ...(plan.downgraded ? { autonomousRefused: plan.downgraded } : {}),
        },
        risk: plan.risk.level === "high" ? "high" : plan.risk.level === "medium" ? "medium" : "low",
        subjectAuthor: { id: null, label: `agent run ${run.id}` },
        place: run.place,
      });
      await transitionChangeset(ctx.tx, cs.id, { to: "awaiting_approval", cause: `waits for a person to approve publishing (request ${r.id})`, audit: ctx.audit, set: { holdKind: null, flagReason: null } });
      return r;
    });
    return { state: "pending", reason: `request ${request.id} raised` };
  } catch (e) {
    if (e instanceof AppError && (e.code === "forbidden" || e.code === "unavailable")) return { state: "denied", reason: `approval could not be requested: ${e.message}` };
    throw e;
  }
}
