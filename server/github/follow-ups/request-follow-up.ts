// A review asking for changes, or a comment, within the task's scope (escalate-request.ts answered
// null): inside the delivery's transaction, either a follow-up request is written and its job
// enqueued after the commit (start-follow-up.ts starts the run), or the reason none starts is said,
// for the delivery's recorded reason. A review or comment asks once, whatever GitHub redelivers
// (keyed on its id). A member's feedback that starts nothing is answered on the changeset's timeline
// too; anyone else's stays a recorded review or comment.
import { redactString } from "../../redaction/redact";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import type { TenantDeliveryContext } from "../webhooks/delivery-handler";
import type { ChangesetRow } from "../webhooks/find-changeset";
import { followUpFacts, memberFor } from "./follow-up-facts";
import { whyNoFollowUp } from "./follow-up-gate";
import { enqueueFollowUp } from "./follow-up-job";

/** Kept of a review's or comment's text for the agent; the rest is cut (and said to be). */
export const FEEDBACK_KEPT = 4_000;

export type Feedback = { kind: "review" | "comment"; key: string; by: string; body: string; url: string | null; at: Date; where?: string };

/** A sentence for the delivery's reason: the follow-up asked for, or why none starts. */
export async function requestFollowUp(ctx: TenantDeliveryContext, cs: ChangesetRow, fb: Feedback): Promise<string> {
  const { tx } = ctx;
  const known = await tx.followUpRequest.findUnique({ where: { changesetId_key: { changesetId: cs.id, key: fb.key } }, select: { id: true, state: true, runId: true } });
  if (known) return `this ${fb.kind} already asked for a follow-up run (${known.state}${known.runId ? `: run ${known.runId}` : ""})`;
  const member = await memberFor(tx, cs.tenantId, fb.by);
  const { facts } = await followUpFacts(tx, cs, fb.by, member);
  // Never null without a member: whoever else writes never steers an agent.
  const why = whyNoFollowUp(facts);
  const said = `${fb.by}'s ${fb.kind}${fb.where ?? ""}`;
  if (why !== null || member === null) {
    if (member) await appendChangesetEvent(tx, cs, { kind: "follow_up", at: fb.at, message: `no follow-up run on ${said}: ${why}`, data: { by: fb.by, key: fb.key, refused: why } });
    return `no follow-up run: ${why}`;
  }
  // Stored redacted, as everything about a run is; the model is given it redacted again (its profile).
  const text = fb.body.length > FEEDBACK_KEPT ? `${fb.body.slice(0, FEEDBACK_KEPT)}\n[… ${fb.body.length - FEEDBACK_KEPT} more characters not kept]` : fb.body;
  const row = await tx.followUpRequest.create({
    data: {
      tenantId: cs.tenantId, changesetId: cs.id, taskId: cs.taskId, key: fb.key, kind: fb.kind, githubLogin: fb.by, userId: member.userId,
      body: redactString(text, {}), url: fb.url, at: fb.at,
    },
  });
  const joins = facts.pending ? "; it joins the feedback already waiting for its run" : "";
  await appendChangesetEvent(tx, cs, {
    kind: "follow_up", at: fb.at, message: `${said} asks for changes: a follow-up run of the task will start${joins}`,
    data: { by: fb.by, member: member.label, key: fb.key, requestId: row.id, url: fb.url },
  });
  ctx.afterCommit(() => enqueueFollowUp(row.id));
  return `follow-up run requested on ${said} (request ${row.id})${joins}`;
}
