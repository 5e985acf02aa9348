// Doing one ChangesetAction (the `github.changeset-action` job, and the close_drafts kill switch's
// job inline): a comment on the changeset's PR and, for close, the PR closed and the changeset moved
// to closed with the action's cause (or by the PR's closed webhook, if that came first: the history
// says why beforehand). Every write is keyed, so the job may run twice: a comment carries a marker
// with the action's id and is looked for before it is posted again when an earlier attempt may have
// posted it; closing a closed PR changes nothing. A PR that has moved on (merged, already closed) is
// skipped with the reason.
import { appendAuditEvent } from "../../audit/append-event";
import { db } from "../../db/client";
import type { Changeset, ChangesetAction } from "../../db/generated/client";
import { appendChangesetEvent, LIVE_PR_STATES, transitionChangeset } from "./changeset-transitions";
import { installationClient, type InstallationClient } from "../installation-client";
import { withStepToken } from "../token-leases";

type Repo = { owner: string; repo: string };

export const actionMarker = (actionId: string) => `<!-- fleetgate-action:${actionId} -->`;

/** Why the action does not apply to the changeset as it is now, or null when it does. */
export function skipReason(a: Pick<ChangesetAction, "kind" | "data">, cs: Pick<Changeset, "state" | "prNumber">): string | null {
  const only = (a.data as { onlyStates?: string[] } | null)?.onlyStates;
  if (only && !only.includes(cs.state)) return `${cs.state}: no longer ${only.join(" or ")}`;
  if (cs.prNumber === null) return `${cs.state}: it has no pull request`;
  if (a.kind === "comment") return null;
  if (cs.state === "merged") return "merged: nothing to close";
  if (cs.state === "closed") return "closed already: nothing to close";
  if (!(LIVE_PR_STATES as readonly string[]).includes(cs.state)) return `${cs.state}: a new attempt is publishing; close it once it has`;
  return null;
}

export async function applyChangesetAction(actionId: string): Promise<string> {
  const a = await db.changesetAction.findUnique({ where: { id: actionId } });
  if (!a) return "nothing to do: no such action";
  if (a.state === "done" || a.state === "skipped") return `nothing to do: already ${a.state}${a.result ? ` (${a.result})` : ""}`;
  const cs = await db.changeset.findUnique({ where: { id: a.changesetId }, include: { repository: { include: { githubInstallation: true } } } });
  if (!cs) return finish(a, "skipped", "the changeset no longer exists");
  const skip = skipReason(a, cs);
  if (skip) return finish(a, "skipped", skip);
  const installation = cs.repository.githubInstallation;
  const repo: Repo = { owner: cs.repository.owner, repo: cs.repository.name };
  if (!installation || installation.tenantId !== cs.tenantId || installation.deletedAt || installation.suspendedAt) {
    return finish(a, "skipped", `${repo.owner}/${repo.repo} is not reached through an active GitHub App installation of this tenant`);
  }
  const pr = cs.prNumber!;
  const trace = { action: a.id, batch: a.batchId, ...(a.data as Record<string, unknown> | null) };
  await db.$transaction(async (tx) => {
    await tx.changesetAction.update({ where: { id: a.id }, data: { attempts: { increment: 1 } } });
    // Said before GitHub is asked, once: the closed webhook may come before this job moves the changeset.
    if (a.attempts === 0) await appendChangesetEvent(tx, cs, { kind: "flag", message: `${a.kind === "close" ? "closing" : "commenting on"} PR #${pr}: ${a.cause}`, data: trace });
  });
  try {
    await withStepToken({ tenantId: cs.tenantId, repositoryId: cs.repositoryId, runId: cs.runId, changesetId: cs.id, installationGithubId: installation.githubId, owner: repo.owner, name: repo.repo }, "pr_write", async (lease) => {
      const gh = installationClient(lease.apiUrl, lease.token, installation.id);
      if (a.comment) await commentOnce(gh, a, repo, pr);
      if (a.kind === "close") await gh.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: pr, state: "closed" });
    });
  } catch (e) {
    await db.changesetAction.update({ where: { id: a.id }, data: { state: "failed", result: (e as Error).message.slice(0, 500) } });
    throw e;
  }
  const result = a.kind === "close" ? `closed PR #${pr}` : `commented on PR #${pr}`;
  await db.$transaction(async (tx) => {
    if (a.kind === "close") {
      await transitionChangeset(tx, cs.id, { to: "closed", from: LIVE_PR_STATES, cause: a.cause, actorLabel: a.requestedBy, data: trace });
    } else {
      await appendChangesetEvent(tx, cs, { kind: "comment", message: `commented on PR #${pr}: ${a.cause}`, data: trace });
      await appendAuditEvent(tx, {
        tenantId: cs.tenantId, actorType: "system", actorLabel: a.requestedBy, action: "changeset.comment", resourceType: "changeset", resourceId: cs.id,
        after: { prNumber: pr, cause: a.cause, ...trace },
      });
    }
    await tx.changesetAction.update({ where: { id: a.id }, data: { state: "done", result, finishedAt: new Date() } });
  });
  return result;
}

async function finish(a: ChangesetAction, state: "skipped", result: string): Promise<string> {
  await db.changesetAction.update({ where: { id: a.id }, data: { state, result, finishedAt: new Date() } });
  return `skipped: ${result}`;
}

/** Posts the action's comment unless it is there: recorded by id once posted, looked for by its marker when an attempt may have posted it unrecorded. */
async function commentOnce(gh: InstallationClient, a: ChangesetAction, repo: Repo, pr: number): Promise<void> {
  if (a.commentId !== null) return;
  const marker = actionMarker(a.id);
  if (a.commentStartedAt) {
    const found = await findMarked(gh, repo, pr, marker);
    if (found !== null) {
      await db.changesetAction.update({ where: { id: a.id }, data: { commentId: found } });
      return;
    }
  }
  await db.changesetAction.update({ where: { id: a.id }, data: { commentStartedAt: new Date() } });
  const { data } = await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: pr, body: `${a.comment}\n\n${marker}` });
  await db.changesetAction.update({ where: { id: a.id }, data: { commentId: BigInt(data.id) } });
}

const PAGES = 30;

async function findMarked(gh: InstallationClient, repo: Repo, pr: number, marker: string): Promise<bigint | null> {
  for (let page = 1; page <= PAGES; page++) {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: pr, per_page: 100, page });
    const hit = data.find((c) => c.body?.includes(marker));
    if (hit) return BigInt(hit.id);
    if (data.length < 100) return null;
  }
  return null;
}
