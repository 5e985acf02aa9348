// Compares one changeset with what GitHub says now and repairs what it safely can, in one transaction:
// a merge or close nobody told Fleetgate about, a draft marked ready (or back), a branch deleted (needs_human) or moved by someone else (edited), checks
// and reviews whose webhooks were lost. Each repair is a `reconcile` event saying what it found; labels
// Fleetgate set that are missing from the PR are recorded (putting them back is a write, left to the
// publisher). Run twice, it changes nothing the second time.
import type { Tx } from "../../db/client";
import { db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { applyPullState } from "../webhooks/apply-pull-state";
import { checksStateOf } from "../webhooks/checks-state";
import { CHANGESET_FIELDS, requesterOf, type ChangesetRow } from "../webhooks/find-changeset";
import { noteBranchDeleted, noteForeignHead } from "../webhooks/note-foreign-head";
import { reviewStateOf, verdictOf, whyNotCounted, type ReviewFact, type ReviewState } from "../webhooks/review-state";
import type { Actual } from "./read-actual";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

async function repaired(tx: Tx, cs: ChangesetRow, repair: string, message: string, data: Record<string, unknown> = {}) {
  await appendChangesetEvent(tx, cs, { kind: "reconcile", message, data: { repair, ...data } });
  return `${repair}: ${message}`;
}

/** The last labels note, so a PR that stays without them is noted once. */
async function lastMissingLabels(tx: Tx, changesetId: string): Promise<string[] | null> {
  const rows = await tx.changesetEvent.findMany({ where: { changesetId, kind: "reconcile" }, orderBy: { seq: "desc" }, take: 20, select: { data: true } });
  for (const r of rows) {
    const d = r.data as { repair?: unknown; missing?: unknown } | null;
    if (d?.repair === "labels") return Array.isArray(d.missing) ? (d.missing as string[]) : [];
  }
  return null;
}

/** Answers what it repaired (empty when nothing). */
export async function reconcileChangeset(changesetId: string, actual: Actual, appBot: string): Promise<string[]> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Changeset" WHERE id = ${changesetId} FOR UPDATE`;
    const load = () => tx.changeset.findUniqueOrThrow({ where: { id: changesetId }, select: CHANGESET_FIELDS });
    let cs = await load();
    const done: string[] = [];
    const pr = actual.pull;
    if (!pr) {
      await tx.changeset.update({ where: { id: cs.id }, data: { reconciledAt: new Date() } });
      return done;
    }

    const moved = await applyPullState(tx, cs, { ...pr, by: null }, "reconcile");
    if (moved && moved !== "stale") done.push(await repaired(tx, cs, "state", moved.cause, { from: moved.from, to: moved.to }));
    cs = await load();

    if (pr.state === "open") {
      if (!actual.branch) {
        const noted = await noteBranchDeleted(tx, cs, { by: null, at: new Date(), source: "reconcile" });
        if (noted.changed) done.push(await repaired(tx, cs, "branch_deleted", noted.text));
      } else if (cs.headSha && actual.branch.sha !== cs.headSha && !(actual.branch.by && same(actual.branch.by, appBot))) {
        const noted = await noteForeignHead(tx, cs, { sha: actual.branch.sha, by: actual.branch.by, at: new Date(), source: "reconcile" });
        if (noted.changed) done.push(await repaired(tx, cs, "head_moved", noted.text, { sha: actual.branch.sha }));
      }
      cs = await load();

      const set: Prisma.ChangesetUpdateInput = {};
      const checksState = checksStateOf(actual.checks);
      if (checksState !== cs.checksState) {
        set.checksState = checksState;
        done.push(await repaired(tx, cs, "checks", `checks are ${checksState} on ${pr.headSha.slice(0, 7)} (were ${cs.checksState})`, { headSha: pr.headSha, checks: actual.checks }));
      }
      const requester = await requesterOf(tx, cs);
      const facts: ReviewFact[] = actual.reviews.flatMap((r) => {
        const verdict = verdictOf(r.state);
        return verdict ? [{ by: r.by, verdict, at: r.at, counts: whyNotCounted(r.by, { requesterLogin: requester.login, appBot, prAuthor: pr.author }) === null }] : [];
      });
      const otherwise: ReviewState = cs.reviewState === "none" && cs.reviewers.length === 0 ? "none" : "review_required";
      const reviewState = reviewStateOf(facts, otherwise);
      const firstReviewAt = facts.filter((f) => f.counts && f.verdict !== "dismissed").map((f) => f.at).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      if (reviewState !== cs.reviewState) {
        set.reviewState = reviewState;
        done.push(await repaired(tx, cs, "reviews", `review state is ${reviewState} (was ${cs.reviewState})`, { reviews: facts.map((f) => ({ by: f.by, verdict: f.verdict, counts: f.counts })) }));
      }
      if (firstReviewAt && !cs.firstReviewAt) {
        set.firstReviewAt = firstReviewAt;
        if (reviewState === cs.reviewState) done.push(await repaired(tx, cs, "reviews", `first review at ${firstReviewAt.toISOString()}`));
      }
      if (Object.keys(set).length) await tx.changeset.update({ where: { id: cs.id }, data: set });

      const missing = cs.labels.filter((l) => !pr.labels.some((x) => same(x, l)));
      const noted = await lastMissingLabels(tx, cs.id);
      const changed = (noted ?? []).join("\n") !== missing.join("\n");
      if (missing.length && changed) {
        done.push(await repaired(tx, cs, "labels", `labels Fleetgate set are missing from the pull request: ${missing.join(", ")} (putting them back is a write, left to the publisher)`, { missing }));
      } else if (!missing.length && noted?.length) {
        done.push(await repaired(tx, cs, "labels", "the labels Fleetgate set are all on the pull request again", { missing: [] }));
      }
    }
    await tx.changeset.update({ where: { id: cs.id }, data: { reconciledAt: new Date() } });
    return done;
  }, { timeout: 30_000 });
}
