// The approvals consumer of campaign launches (subject type "campaign", action "launch"). Approved:
// the campaign starts in the outcome job's transaction, as the person who launched it (their tasks,
// their runs' admissions, their audit events), so a launch approved is a launch applied once.
// Denied, expired or withdrawn: back to draft, with the reason, to be changed and launched again.
import { randomBytes } from "node:crypto";
import type { ApprovalConsumer } from "../approvals/consumer";
import type { AuditInput } from "../audit/append-event";
import { loadUserActor } from "../auth/load-user-actor";
import { scopeFor, type Scope } from "../authz/scope";
import { auditFields, queuedDecide, type AuditRecord, type OpContext } from "../core/op-context";
import type { Tx } from "../db/client";
import { loadPolicySets } from "../policy/load-policy-sets";
import { recordDecisions, type DecisionToRecord } from "../policy/record-decision";
import { transitionCampaign } from "./campaign-transitions";
import { startCampaign } from "./start-campaign";

export const applyCampaignLaunch: ApprovalConsumer = async (tx, request) => {
  if (request.action !== "launch") return `nothing to do: ${request.action} is not a launch`;
  const c = await tx.campaign.findFirst({ where: { id: request.subjectId, tenantId: request.tenantId }, select: { id: true, state: true, launchApprovalId: true } });
  if (!c) return "nothing to do: the campaign no longer exists";
  if (c.state !== "awaiting_approval" || c.launchApprovalId !== request.id) return `nothing to do: the campaign is ${c.state}`;
  const audit: AuditInput[] = [];
  const asSystem = async (e: AuditRecord) => void audit.push({ tenantId: request.tenantId, actorType: "system", actorLabel: "approvals", ...e });
  const backToDraft = async (why: string) => {
    await transitionCampaign(tx, c.id, { to: "draft", action: "campaign.launch_refused", cause: why, audit: asSystem, data: { approval: request.id } });
    return { result: `the campaign is a draft again: ${why}`, audit };
  };
  if (request.state !== "approved") {
    return backToDraft(`the launch was ${request.state}${request.outcomeReason ? `: ${request.outcomeReason}` : ""} (request ${request.id})`);
  }
  const scope = await launcherScope(tx, request.tenantId, request.requesterId);
  if (!scope?.permissions.has("campaign.manage")) return backToDraft(`${request.requesterLabel}, who launched it, may no longer launch campaigns here (request ${request.id})`);

  const decisions: DecisionToRecord[] = [];
  const after: (() => Promise<unknown>)[] = [];
  const meta = { requestId: `approval-${request.id}-${randomBytes(3).toString("hex")}`, ip: null };
  const ctx: OpContext = {
    scope, meta, tx, decide: queuedDecide(scope, decisions), afterCommit: (f) => void after.push(f),
    audit: async (e) => void audit.push({ ...auditFields(scope, meta), ...e }),
  };
  const started = await startCampaign(ctx, c.id, `launch approved (request ${request.id})`);
  await recordDecisions(tx, request.tenantId, decisions);
  if (!started) return { result: "nothing to do: the campaign moved on", audit };
  return {
    result: `the campaign is running: ${started.tasks} tasks, ${started.canaryRuns} canary runs admitted${started.refused ? `, ${started.refused} refused` : ""}`,
    afterCommit: async () => { for (const f of after) await f(); },
    audit,
  };
};

/** The launcher's scope in the tenant as it is now (roles can change while a launch waits). */
async function launcherScope(tx: Tx, tenantId: string, userId: string | null): Promise<Scope | null> {
  const actor = userId ? await loadUserActor(userId) : null;
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, slug: true, name: true, status: true } });
  return actor && tenant ? scopeFor(actor, tenant, await loadPolicySets(tx, tenantId)) : null;
}
