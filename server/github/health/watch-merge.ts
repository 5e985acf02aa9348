// One pass of post-merge health over a merged changeset (the github.post-merge-health job). The first
// pass sets the soak's end from policy and schedules a pass for it. Each pass reads the merge commit's
// checks from GitHub (and, when they fail, the default branch's first-parent history before it) and
// judges (judge-merge.ts): waiting, passed or unverified at the soak's end, not reverted (with why), or
// reverted: by a revert PR Fleetgate opens when policy allows it, after a person's approval otherwise.
// Every move is a conditional update from the state the pass saw, so passes running at once (a check
// webhook, its redelivery, the reconciler) decide once.
import { AppError } from "../../core/app-error";
import { db } from "../../db/client";
import { requestApproval } from "../../approvals/request-approval";
import { asRequester, runContext } from "../../runs/run-context";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { installationClient } from "../installation-client";
import { withStepToken } from "../token-leases";
import { loadHealthChangeset, leaseTargetOf, type HealthChangeset } from "./health-changeset";
import { enqueueHealthCheck } from "./health-job";
import { healthPolicy } from "./health-policy";
import { judgeMerge, type Verdict } from "./judge-merge";
import { openRevert } from "./open-revert";
import { readCommit, readCommitChecks, walkBack } from "./read-commit-health";
import { healthReason, recordHealth } from "./record-health";

/** How far back the first-parent walk looks for the last passing commit. */
export const HISTORY_LIMIT = 20;

export async function watchMerge(changesetId: string, now = () => new Date()): Promise<string> {
  const cs = await loadHealthChangeset(changesetId);
  if (!cs?.healthState) return "nothing to watch";
  if (cs.healthState === "reverting") return openRevert(cs);
  if (cs.healthState !== "watching") return `nothing to do: its health is ${cs.healthState}`;
  if (!cs.mergeCommitSha || !cs.mergedAt) {
    await db.$transaction((tx) => recordHealth(tx, cs, { from: ["watching"], to: "unverified", reason: "no merge commit is known, so there is nothing to watch" }));
    return "unverified: no merge commit";
  }
  const until = cs.healthUntil ?? (await startSoak(cs, now()));
  const target = leaseTargetOf(cs);
  if (typeof target === "string") {
    await db.$transaction((tx) => recordHealth(tx, cs, { from: ["watching"], to: "unverified", reason: `the merge's checks cannot be read: ${target}` }));
    return `unverified: ${target}`;
  }
  const soakOver = now() >= until;
  const merge = cs.mergeCommitSha;
  const repo = { owner: cs.repository.owner, name: cs.repository.name };
  const read = await withStepToken(target, "read_state", async (lease) => {
    const gh = installationClient(lease.apiUrl, lease.token, cs.repository.githubInstallation!.id);
    const checks = await readCommitChecks(gh, repo, merge);
    return { checks, history: checks.state === "failing" ? await walkBack(gh, repo, await readCommit(gh, repo, merge), HISTORY_LIMIT) : null };
  });
  const verdict = judgeMerge({ sha: merge, checks: read.checks }, read.history, { soakOver, limit: HISTORY_LIMIT });
  return apply(cs, verdict);
}

/** The soak's end from policy (and the campaign), written once; a pass is scheduled for it. */
async function startSoak(cs: HealthChangeset, at: Date): Promise<Date> {
  const policy = await healthPolicy(db, cs);
  const until = new Date(cs.mergedAt!.getTime() + policy.soakMinutes * 60_000);
  await db.$transaction(async (tx) => {
    const set = await tx.changeset.updateMany({ where: { id: cs.id, tenantId: cs.tenantId, healthState: "watching", healthUntil: null }, data: { healthUntil: until, healthCheckedAt: at } });
    if (set.count) {
      await appendChangesetEvent(tx, cs, {
        kind: "health", message: `watching merge commit ${cs.mergeCommitSha!.slice(0, 12)}'s checks on ${cs.repository.defaultBranch} for ${policy.soakMinutes} minutes (${policy.soakFrom}), until ${until.toISOString()}`,
        data: { health: "watching", soakMinutes: policy.soakMinutes, until: until.toISOString(), autoRevert: policy.autoRevert },
      });
    }
  });
  await enqueueHealthCheck(cs.id, "soak-end", Math.max(0, until.getTime() - Date.now()) + 1_000);
  return until;
}

async function apply(cs: HealthChangeset, v: Verdict): Promise<string> {
  switch (v.kind) {
    case "wait": {
      await db.changeset.updateMany({ where: { id: cs.id, tenantId: cs.tenantId, healthState: "watching" }, data: { healthReason: healthReason(v.reason), healthCheckedAt: new Date() } });
      return `watching: ${v.reason}`;
    }
    case "passed":
    case "unverified":
      await db.$transaction((tx) => recordHealth(tx, cs, { from: ["watching"], to: v.kind, reason: v.reason }));
      return `${v.kind}: ${v.reason}`;
    case "not_reverted":
      await db.$transaction((tx) => recordHealth(tx, cs, { from: ["watching"], to: "not_reverted", reason: v.reason, notify: { title: "A merged agent PR's checks fail on the default branch; it was not reverted" } }));
      return `not reverted: ${v.reason}`;
    case "revert":
      return revert(cs, v);
  }
}

async function revert(cs: HealthChangeset, v: Extract<Verdict, { kind: "revert" }>): Promise<string> {
  const policy = await healthPolicy(db, cs);
  const data = { verdict: "revert", failing: v.failing, lastGood: v.lastGood, mergeCommitSha: cs.mergeCommitSha };
  if (policy.autoRevert) {
    const moved = await db.$transaction((tx) => recordHealth(tx, cs, { from: ["watching"], to: "reverting", reason: `${v.reason}; opening a revert PR (policy allows it)`, data }));
    if (!moved) return "another pass took the revert";
    return openRevert((await loadHealthChangeset(cs.id))!);
  }
  return askForRevert(cs, v, data);
}

class DecidedElsewhere extends Error {}

/** Policy does not let Fleetgate revert on its own: a person approves the revert (changeset_revert). */
async function askForRevert(cs: HealthChangeset, v: Extract<Verdict, { kind: "revert" }>, data: Record<string, unknown>): Promise<string> {
  const run = await runContext(cs.runId);
  try {
    const asked = await asRequester(run, "changeset.request_revert", async (ctx) => {
      const r = await requestApproval(ctx, {
        kind: "changeset_revert", subjectType: "changeset_revert", subjectId: cs.id, action: "revert",
        title: `Revert ${cs.prNumber ? `PR #${cs.prNumber}` : "a merged agent PR"} on ${cs.repository.owner}/${cs.repository.name}: checks fail after merge`.slice(0, 200),
        proposal: {
          repository: `${cs.repository.owner}/${cs.repository.name}`, pullRequest: cs.prNumber, mergeCommitSha: cs.mergeCommitSha, failingChecks: v.failing,
          lastGoodCommit: v.lastGood, why: v.reason, revertBranch: `fleetgate/revert-${cs.mergeCommitSha!.slice(0, 12)}`,
        },
        risk: "medium", subjectAuthor: { id: null, label: `agent run ${cs.runId}` }, place: run.place,
      });
      const moved = await recordHealth(ctx.tx, cs, {
        from: ["watching"], to: "awaiting_approval", action: "changeset.revert_requested", reason: `${v.reason}; policy does not allow an automatic revert, so approval request ${r.id} asks a person`,
        data: { ...data, approval: r.id }, audit: ctx.audit, notify: { title: "A merged agent PR broke the default branch: its revert waits for approval" },
      });
      // Another pass decided first: nothing of this one is kept, not even the request.
      if (!moved) throw new DecidedElsewhere();
      return r.id;
    });
    return `awaiting approval: request ${asked}`;
  } catch (e) {
    if (e instanceof DecidedElsewhere) return "another pass decided first";
    if (!(e instanceof AppError) || (e.code !== "forbidden" && e.code !== "unavailable")) throw e;
    const reason = `${v.reason}; policy wants a person to approve the revert, but the approval could not be requested: ${e.message}`;
    await db.$transaction((tx) => recordHealth(tx, cs, { from: ["watching"], to: "not_reverted", reason, data, notify: { title: "A merged agent PR broke the default branch; its revert could not be requested" } }));
    return `not reverted: ${reason}`;
  }
}
