// Bulk actions on selected changesets of one campaign: retry (a new attempt where the run or its
// publication failed), rerun (a new attempt from the current default branch), close (the PR closed,
// with the comment if one is given) and comment (posted on each PR). Everything is checked before
// anything is written: the campaign's state (409 saying it) and that every id is one of the
// campaign's changesets (422 naming each that is not). Each item then gets its outcome: done (a new
// attempt admitted), queued (its GitHub write is a changeset action, done by a github job after the
// commit), or skipped with the reason. One audit event lists every item and its outcome under the
// request's batch id; each new attempt has its run.retry event, each write its changeset event.
import { randomBytes } from "node:crypto";
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { ChangesetState, RunState } from "../db/generated/client";
import { skipReason } from "../github/changesets/apply-changeset-action";
import { enqueueChangesetActions } from "../github/changesets/changeset-action-job";
import { requestChangesetActions } from "../github/changesets/request-changeset-actions";
import { isTerminal } from "../runs/run-transitions";
import { startCampaignAttempt } from "./campaign-attempt";
import type { BulkAction, BulkChangesetAction, BulkResult, ItemOutcome } from "./campaign-changesets-view";
import { lockCampaign, wrongState } from "./campaign-transitions";

type Item = { id: string; tenantId: string; campaignId: string | null; state: ChangesetState; prNumber: number | null; run: { id: string; state: RunState } | null };

const STARTS_RUNS: readonly BulkAction[] = ["retry", "rerun"];

export async function actOnChangesets(ctx: OpContext, campaignId: string, body: BulkChangesetAction): Promise<BulkResult> {
  const c = await lockCampaign(ctx, campaignId);
  if (STARTS_RUNS.includes(body.action) && c.state !== "running" && c.state !== "paused") {
    throw wrongState(c.state, `only a running or paused campaign's changesets can be ${body.action === "retry" ? "retried" : "re-run"}`);
  }
  if (c.state === "draft" || c.state === "awaiting_approval") throw wrongState(c.state, "it has no changesets yet");
  const items = await loadItems(ctx, c.id, body.ids);

  const who = actorLabel(ctx.scope.actor);
  const batchId = `bulk-${randomBytes(8).toString("hex")}`;
  const because = body.reason ? `: ${body.reason}` : "";
  const results: ItemOutcome[] = [];
  const toWrite: Item[] = [];
  for (const id of body.ids) {
    const cs = items.get(id)!;
    if (body.action === "close" || body.action === "comment") {
      const skip = skipReason({ kind: body.action, data: null }, cs);
      if (skip) results.push({ id, outcome: "skipped", message: skip, runId: null });
      else {
        toWrite.push(cs);
        results.push({ id, outcome: "queued", message: `${body.action === "close" ? "closing" : "commenting on"} PR #${cs.prNumber}`, runId: null });
      }
      continue;
    }
    const skip = attemptSkip(body.action, cs);
    if (skip) {
      results.push({ id, outcome: "skipped", message: skip, runId: null });
      continue;
    }
    const what = body.action === "retry" ? "retried" : "re-run on the current default branch";
    const r = await startCampaignAttempt(ctx, cs.run!.id, `${what} by ${who} (bulk ${batchId} of campaign ${c.name})${because}`.slice(0, 500));
    results.push({ id, ...r });
  }
  if (toWrite.length) {
    const ids = await requestChangesetActions(ctx.tx, toWrite, {
      kind: body.action as "close" | "comment", batchId, requestedBy: who, comment: body.comment ?? null,
      cause: `${body.action === "close" ? "closed" : "comment"} by ${who} (bulk ${batchId} of campaign ${c.name})${because}`,
    });
    ctx.afterCommit(() => enqueueChangesetActions(ids));
  }
  const counts = { done: 0, queued: 0, skipped: 0 };
  for (const r of results) counts[r.outcome]++;
  await ctx.audit({
    action: `campaign.changesets.${body.action}`, resourceType: "campaign", resourceId: c.id,
    after: {
      batch: batchId, counts, reason: body.reason ?? null, comment: body.comment ?? null,
      items: results.map((r) => ({ changeset: r.id, outcome: r.outcome, message: r.message, ...(r.runId ? { run: r.runId } : {}) })),
    },
  });
  return { action: body.action, batchId, results, counts };
}

/** The campaign's changesets named, each with its task's latest run; any id that is not one answers 422 naming it. */
async function loadItems(ctx: OpContext, campaignId: string, ids: readonly string[]): Promise<Map<string, Item>> {
  const rows = await ctx.tx.changeset.findMany({
    where: { tenantId: ctx.scope.tenant.id, campaignId, id: { in: [...ids] } },
    select: { id: true, tenantId: true, campaignId: true, state: true, prNumber: true, taskId: true },
  });
  const found = new Map(rows.map((r) => [r.id, r]));
  const issues = ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `body.ids.${i}`, message: `${id} is not a changeset of this campaign` }]));
  if (issues.length) {
    throw new AppError("validation_failed", `${issues.length} of the ids ${issues.length === 1 ? "is" : "are"} not changesets of this campaign: ${issues.slice(0, 10).map((i) => i.message.split(" ")[0]).join(", ")}`, { issues });
  }
  const runs = await ctx.tx.run.findMany({
    where: { tenantId: ctx.scope.tenant.id, taskId: { in: rows.map((r) => r.taskId) } },
    distinct: ["taskId"], orderBy: [{ taskId: "asc" }, { attempt: "desc" }], select: { id: true, taskId: true, state: true },
  });
  const runOf = new Map(runs.map((r) => [r.taskId, { id: r.id, state: r.state }]));
  return new Map(rows.map((r) => [r.id, { ...r, run: runOf.get(r.taskId) ?? null }]));
}

/** Why a new attempt does not apply to the changeset now, or null when it does. */
function attemptSkip(action: "retry" | "rerun" | BulkAction, cs: Item): string | null {
  const verb = action === "retry" ? "retry" : "re-run";
  if (cs.state === "merged") return `merged: nothing to ${verb}`;
  if (!cs.run) return `${cs.state}: its task has no run to ${verb}`;
  if (!isTerminal(cs.run.state)) return `its run ${cs.run.id} is ${cs.run.state.replace("_", " ")}: ${verb} once it has ended`;
  if (action === "retry") {
    return cs.run.state === "failed" || cs.run.state === "cancelled" || cs.state === "failed" ? null : `${cs.state}: nothing failed (rerun starts a new attempt on the current default branch)`;
  }
  if (cs.state === "closed") return "closed: reopen its pull request first";
  if (cs.state === "edited") return "edited: someone else committed to its branch, and Fleetgate never pushes over it";
  return null;
}
