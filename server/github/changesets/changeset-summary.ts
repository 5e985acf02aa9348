// A changeset row as the list and the detail show it: the risk level from its stored score (the bands
// of risk-score.ts), its parts read defensively from the stored JSON, and the PR's timings computed
// exactly from the timestamps GitHub reported.
import type { Changeset } from "../../db/generated/client";
import { DEFAULT_RISK_THRESHOLD } from "../../policy/document-schema";
import { riskLevel, type RiskPart } from "../risk-score";
import { ZRiskPart, type ChangesetHealth, type ChangesetSummary } from "./changeset-view";

type Times = { openedAt: Date | null; firstReviewAt: Date | null; mergedAt: Date | null };

const span = (from: Date | null, to: Date | null) => {
  if (!from || !to) return null;
  const ms = to.getTime() - from.getTime();
  // A review or merge stamped before the opening means the opening is not the PR's real start
  // (e.g. a reopened PR); no figure beats a wrong one.
  return ms >= 0 ? ms : null;
};

/** Time to first review and time to merge, in milliseconds from the PR's opening; null until known. */
export function changesetTimings(t: Times): { timeToFirstReviewMs: number | null; timeToMergeMs: number | null } {
  return { timeToFirstReviewMs: span(t.openedAt, t.firstReviewAt), timeToMergeMs: span(t.openedAt, t.mergedAt) };
}

/**
 * The stored risk parts: the list of parts riskScore() returns, or the whole RiskScore (its `parts`
 * and `threshold`). Entries that are not parts are left out rather than failing the page.
 */
export function storedRisk(json: unknown): { parts: RiskPart[]; threshold: number } {
  const holder = json && typeof json === "object" && !Array.isArray(json) ? (json as { parts?: unknown; threshold?: unknown }) : null;
  const raw = Array.isArray(json) ? json : Array.isArray(holder?.parts) ? holder.parts : [];
  const parts = raw.flatMap((p) => {
    const r = ZRiskPart.safeParse(p);
    return r.success ? [r.data] : [];
  });
  const threshold = typeof holder?.threshold === "number" && holder.threshold > 0 ? holder.threshold : DEFAULT_RISK_THRESHOLD;
  return { parts, threshold };
}

/** The merge commit's page on the code host, next to the PR's (…/pull/12 → …/commit/<sha>). */
const commitUrl = (prUrl: string | null, sha: string | null) => (prUrl && sha && /\/pull\/\d+$/.test(prUrl) ? prUrl.replace(/\/pull\/\d+$/, `/commit/${sha}`) : null);

export function changesetHealth(c: Changeset): ChangesetHealth {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    state: c.healthState, reason: c.healthReason, until: iso(c.healthUntil), checkedAt: iso(c.healthCheckedAt),
    mergeCommitSha: c.mergeCommitSha, mergeCommitUrl: commitUrl(c.prUrl, c.mergeCommitSha),
    revertedAt: iso(c.revertedAt), revertPrNumber: c.revertPrNumber, revertPrUrl: c.revertPrUrl,
  };
}

export function changesetSummary(c: Changeset, repoName: string): ChangesetSummary {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: c.id, repository: { id: c.repositoryId, fullName: repoName }, taskId: c.taskId, runId: c.runId, campaignId: c.campaignId,
    taskClass: c.taskClass, mode: c.mode, state: c.state, reviewState: c.reviewState, checksState: c.checksState,
    // The level the list filters on: the default threshold's bands (riskLevelRange in list-changesets.ts).
    risk: { score: c.riskScore, level: riskLevel(c.riskScore) },
    needsHumanReview: c.needsHumanReview, flagReason: c.flagReason, holdKind: c.holdKind, heldAt: iso(c.heldAt), title: c.title,
    branch: c.branch, baseBranch: c.baseBranch, prNumber: c.prNumber, prUrl: c.prUrl, labels: c.labels ?? [], reviewers: c.reviewers ?? [],
    createdAt: c.createdAt.toISOString(), openedAt: iso(c.openedAt), firstReviewAt: iso(c.firstReviewAt), mergedAt: iso(c.mergedAt),
    closedAt: iso(c.closedAt), lastEventAt: iso(c.lastEventAt),
    ...changesetTimings(c),
    ageFrom: (c.openedAt ?? c.createdAt).toISOString(),
    ageUntil: c.state === "merged" ? iso(c.mergedAt) : c.state === "closed" ? iso(c.closedAt) : null,
    health: changesetHealth(c),
  };
}
