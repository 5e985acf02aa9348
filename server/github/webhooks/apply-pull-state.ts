// Where a pull request's own state leaves its changeset, for webhooks and the reconciler alike:
// merged and closed are final facts and move the changeset from any state that allows it (a flagged
// one too); draft and open only move a changeset between draft, open and closed. A flag (edited,
// needs_human, blocked) is cleared by a person, never by a PR event, and a `publishing` changeset
// belongs to its publisher: only the reconciler, once it has been stuck there, moves it on. Times are
// GitHub's (created, closed, merged), so time to merge is exact.
import type { Tx } from "../../db/client";
import type { ChangesetState, Prisma } from "../../db/generated/client";
import { transitionChangeset } from "../changesets/changeset-transitions";
import type { ChangesetRow } from "./find-changeset";

export type PullFacts = {
  number: number;
  url: string;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  mergedAt: Date | null;
  mergedBy: string | null;
  /** The commit the merge made on the base branch (GitHub's merge_commit_sha once merged). */
  mergeCommitSha: string | null;
  /** Who made the change at hand (the webhook's sender); null when unknown (the reconciler). */
  by: string | null;
};

export type Source = "webhook" | "reconcile";

export type Moved = { from: ChangesetState; to: ChangesetState; cause: string };

const MOVABLE_TO_OPEN: readonly ChangesetState[] = ["draft", "open", "closed"];

export function targetOf(pr: Pick<PullFacts, "merged" | "state" | "draft">): "merged" | "closed" | "draft" | "open" {
  return pr.merged ? "merged" : pr.state === "closed" ? "closed" : pr.draft ? "draft" : "open";
}

function causeOf(from: ChangesetState, to: ChangesetState, pr: PullFacts, source: Source): string {
  const by = pr.by ? ` by ${pr.by}` : "";
  const text =
    to === "merged" ? `pull request #${pr.number} merged${pr.mergedBy ? ` by ${pr.mergedBy}` : by}`
    : to === "closed" ? `pull request #${pr.number} closed without merging${by}`
    : from === "closed" ? `pull request #${pr.number} reopened${to === "draft" ? " as a draft" : ""}${by}`
    : from === "publishing" ? `pull request #${pr.number} is open${to === "draft" ? " as a draft" : ""}`
    : to === "open" ? `pull request #${pr.number} marked ready for review${by}`
    : `pull request #${pr.number} converted to a draft${by}`;
  return source === "reconcile" ? `${text} (found by reconciliation: its webhook was missed)` : text;
}

/**
 * A merge starts post-merge health (server/github/health/): its merge commit's checks on the default
 * branch are watched; the soak's end is set by the watch's first pass, which reads the policy.
 */
const watchFrom = (pr: PullFacts): Prisma.ChangesetUpdateInput =>
  pr.mergeCommitSha
    ? { mergeCommitSha: pr.mergeCommitSha, healthState: "watching", healthReason: `watching the checks of merge commit ${pr.mergeCommitSha.slice(0, 12)} on the default branch`, healthUntil: null }
    : { healthState: "unverified", healthReason: "GitHub named no merge commit, so there is nothing to watch" };

/**
 * When the pull request was last seen changing state (its updated_at in the newest transition that
 * carried one). GitHub does not promise deliveries in order, and jobs run concurrently: a snapshot
 * older than that (a reopen delivered after the close that followed it) must not move the changeset back.
 */
async function lastSeenUpdate(tx: Tx, changesetId: string): Promise<Date | null> {
  const [row] = await tx.$queryRaw<{ seen: Date | null }[]>`
    SELECT max((data->>'prUpdatedAt')::timestamptz) AS seen FROM "ChangesetEvent"
    WHERE "changesetId" = ${changesetId} AND kind = 'transition' AND data ? 'prUpdatedAt'`;
  return row?.seen ?? null;
}

/**
 * Moves the changeset to where its pull request is, and keeps its PR columns exact. Answers the move,
 * null when its state stays, or "stale" when the snapshot is older than one already applied (nothing written).
 */
export async function applyPullState(tx: Tx, cs: ChangesetRow, pr: PullFacts, source: Source): Promise<Moved | "stale" | null> {
  const seen = await lastSeenUpdate(tx, cs.id);
  if (seen && pr.updatedAt < seen) return "stale";
  const set: Prisma.ChangesetUpdateInput = {};
  if (cs.prNumber !== pr.number) set.prNumber = pr.number;
  if (cs.prUrl !== pr.url) set.prUrl = pr.url;
  if (cs.openedAt?.getTime() !== pr.createdAt.getTime()) set.openedAt = pr.createdAt;
  const to = targetOf(pr);
  const may = to === "merged" || to === "closed" || MOVABLE_TO_OPEN.includes(cs.state) || (cs.state === "publishing" && source === "reconcile");
  if (cs.state !== to && may) {
    const at = to === "merged" ? (pr.mergedAt ?? pr.updatedAt) : to === "closed" ? (pr.closedAt ?? pr.updatedAt) : cs.state === "publishing" ? pr.createdAt : pr.updatedAt;
    const cause = causeOf(cs.state, to, pr, source);
    if (to === "merged") Object.assign(set, { closedAt: pr.closedAt ?? at, ...watchFrom(pr) });
    const from = await transitionChangeset(tx, cs.id, { to, cause, at, set, actorLabel: "github", data: { prNumber: pr.number, by: pr.mergedBy ?? pr.by, source, prUpdatedAt: pr.updatedAt.toISOString() } });
    if (from) return { from, to, cause };
  }
  if (Object.keys(set).length) await tx.changeset.update({ where: { id: cs.id }, data: set });
  return null;
}
