// A commit on the changeset's branch that Fleetgate did not push (its head is not Changeset.headSha,
// the last commit Fleetgate pushed) freezes the changeset as `edited`, with the reason: Fleetgate never
// pushes over a person's commit. A deleted branch is for a person to look at (needs_human).
import type { Tx } from "../../db/client";
import { transitionChangeset } from "../changesets/changeset-transitions";
import type { ChangesetRow } from "./find-changeset";
import type { Source } from "./apply-pull-state";

export type Noted = { changed: boolean; text: string };

const FINAL = new Set(["merged", "closed", "unpublished", "awaiting_approval", "failed"]);
const suffix = (source: Source) => (source === "reconcile" ? " (found by reconciliation: its webhook was missed)" : "");

export async function noteForeignHead(tx: Tx, cs: ChangesetRow, head: { sha: string; by: string | null; at: Date; source: Source }): Promise<Noted> {
  const short = head.sha.slice(0, 7);
  if (cs.headSha === head.sha) return { changed: false, text: `the head ${short} is Fleetgate's own commit` };
  if (cs.state === "edited") return { changed: false, text: `the branch was already edited; its head is now ${short}` };
  if (FINAL.has(cs.state)) return { changed: false, text: `the head moved to ${short}; the changeset is ${cs.state}, so nothing changes` };
  const reason = `${head.by ?? "someone other than Fleetgate"} pushed ${short} to ${cs.branch}; Fleetgate will not push over it${suffix(head.source)}`;
  const from = await transitionChangeset(tx, cs.id, { to: "edited", cause: reason, at: head.at, actorLabel: "github", set: { flagReason: reason }, data: { sha: head.sha, by: head.by, source: head.source } });
  return from ? { changed: true, text: `edited: ${reason}` } : { changed: false, text: `the head moved to ${short}; a ${cs.state} changeset stays as it is` };
}

export async function noteBranchDeleted(tx: Tx, cs: ChangesetRow, o: { by: string | null; at: Date; source: Source }): Promise<Noted> {
  if (FINAL.has(cs.state)) return { changed: false, text: `branch ${cs.branch} deleted; the changeset is ${cs.state}, so nothing changes` };
  if (cs.state === "needs_human") return { changed: false, text: `branch ${cs.branch} deleted; the changeset already waits for a person` };
  const reason = `branch ${cs.branch} was deleted${o.by ? ` by ${o.by}` : ""} while its pull request was open${suffix(o.source)}`;
  const from = await transitionChangeset(tx, cs.id, { to: "needs_human", cause: reason, at: o.at, actorLabel: "github", set: { flagReason: reason }, data: { by: o.by, source: o.source } });
  return from ? { changed: true, text: `needs_human: ${reason}` } : { changed: false, text: `branch ${cs.branch} deleted; a ${cs.state} changeset stays as it is` };
}
