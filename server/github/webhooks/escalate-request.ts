// A reviewer's request that reaches beyond the task (a comment or review naming files the run did
// not change, or asking to "also" change something) is never executed: the changeset is flagged
// needs_human with the reason, and the person who asked for the task is told. The files in scope are
// those of the run's patch (its stored artifact).
import { parsePatch } from "diff";
import type { Tx } from "../../db/client";
import { notifyChangesetFlag } from "../../notifications/notify-changeset-flag";
import { redactString } from "../../redaction/redact";
import { appendChangesetEvent, transitionChangeset } from "../changesets/changeset-transitions";
import type { ChangesetRow } from "./find-changeset";
import { outOfScopeReason } from "./out-of-scope";

const NOT_FLAGGED = new Set(["merged", "closed", "unpublished", "failed"]);

/** The files the changeset's run changed (old and new names of a rename), from its patch artifact. */
export async function changedFilesOf(tx: Tx, cs: Pick<ChangesetRow, "tenantId" | "runId">): Promise<string[]> {
  const patch = await tx.runArtifact.findFirst({ where: { tenantId: cs.tenantId, runId: cs.runId, kind: "patch" }, select: { content: true } });
  if (!patch) return [];
  const names = parsePatch(patch.content).flatMap((f) => [f.oldFileName, f.newFileName]);
  return [...new Set(names.filter((n): n is string => !!n && n !== "/dev/null").map((n) => n.replace(/^[ab]\//, "")))];
}

export type Request = { by: string; body: string; url: string | null; key: string; at: Date; requesterUserId: string | null };

/** Flags the changeset when the request is out of scope; answers the reason, or null when it is within it. */
export async function escalateIfOutOfScope(tx: Tx, cs: ChangesetRow, r: Request, repoName: string): Promise<string | null> {
  const why = outOfScopeReason(r.body, await changedFilesOf(tx, cs));
  if (!why) return null;
  // The reason quotes the comment (paths, a phrase) and is shown and stored as a column: redacted first.
  const reason = redactString(`${r.by} asked for a change outside the task's scope (${why}); Fleetgate will not make it: a person decides`, {});
  if (NOT_FLAGGED.has(cs.state)) return `${reason}; the changeset is ${cs.state}, so it is only recorded`;
  const data = { by: r.by, url: r.url, key: r.key };
  const moved = await transitionChangeset(tx, cs.id, { to: "needs_human", cause: reason, at: r.at, actorLabel: "github", set: { flagReason: reason }, data });
  if (!moved) await appendChangesetEvent(tx, cs, { kind: "flag", message: reason, data, at: r.at });
  if (r.requesterUserId) {
    await notifyChangesetFlag(tx, {
      tenantId: cs.tenantId, userId: r.requesterUserId, changesetId: cs.id, runId: cs.runId, key: r.key,
      title: `A reviewer asked for more than your task on ${repoName}${cs.prNumber ? `#${cs.prNumber}` : ""}`,
      body: reason,
    });
  }
  return reason;
}
