// Which work waits on a decided approval request, by the request's subject type. Approvals own the
// consumer type (server/approvals/consumer.ts); this table ties them to the domains that plug in.
// Campaigns (launch and wave promotion) and budgets (raise) add theirs here.
import { applyOutcome as applyOutcomeWith } from "../approvals/apply-outcome";
import type { ApprovalConsumers } from "../approvals/consumer";
import { applyRevertOutcome } from "../github/health/apply-revert-outcome";
import { applyCampaignApproval } from "../campaigns/apply-campaign-approval";
import { applyPublicationOutcome } from "../github/publish/apply-publication-outcome";
import { applyKillSwitchRelease } from "../kill-switches/release-kill-switch";
import { applyPolicyActivation } from "../policy/apply-policy-activation";
import { applyBudgetRaise } from "../runs/apply-budget-raise";
import { resumeRun } from "../runs/resume-run";
import { BUDGET_RAISE } from "../runs/wait-for-budget";

export const APPROVAL_CONSUMERS: ApprovalConsumers = {
  // A run waits on its start, a tool call, or a hard budget to be raised (budget_raise).
  run: (tx, request) => (request.kind === BUDGET_RAISE ? applyBudgetRaise(tx, request) : resumeRun(tx, request)),
  policy_version: applyPolicyActivation,
  killswitch: applyKillSwitchRelease,
  changeset: applyPublicationOutcome,
  changeset_revert: applyRevertOutcome,
  campaign: applyCampaignApproval,
};

/** Applies a decided request with every consumer: what the worker's outcome job runs. */
export const applyOutcome = (requestId: string) => applyOutcomeWith(requestId, APPROVAL_CONSUMERS);
