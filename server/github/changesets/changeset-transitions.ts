// The changeset state machine, as one table, and its timeline. A transition is a conditional update
// (it happens only from the states allowed), a ChangesetEvent and an audit event, in the caller's
// transaction; facts that do not change the state (a review, a check, a comment, a push) are events
// that may set columns. Events are numbered per changeset under its row lock and redacted.
import { appendAuditEvent } from "../../audit/append-event";
import type { AuditRecord } from "../../core/op-context";
import type { Tx } from "../../db/client";
import type { ChangesetState, Prisma } from "../../db/generated/client";
import { redact } from "../../redaction/redact";

// A closed PR may be reopened by a person; a merged one is final. `edited` freezes Fleetgate's
// pushes, not the PR: people may still merge or close it.
const NEXT: Record<ChangesetState, readonly ChangesetState[]> = {
  unpublished: ["publishing", "awaiting_approval", "blocked", "held"],
  awaiting_approval: ["publishing", "blocked", "awaiting_approval", "held"],
  publishing: ["publishing", "draft", "open", "blocked", "edited", "needs_human", "failed", "awaiting_approval", "merged", "closed", "held"],
  draft: ["open", "merged", "closed", "edited", "needs_human", "publishing", "awaiting_approval", "blocked"],
  open: ["draft", "merged", "closed", "edited", "needs_human", "publishing", "awaiting_approval", "blocked"],
  merged: [],
  closed: ["open", "draft", "needs_human"],
  blocked: ["publishing", "awaiting_approval", "needs_human", "closed", "open", "draft", "merged"],
  edited: ["merged", "closed", "needs_human"],
  needs_human: ["publishing", "awaiting_approval", "draft", "open", "merged", "closed", "edited", "blocked"],
  failed: ["publishing", "awaiting_approval", "needs_human", "blocked", "held"],
  held: ["publishing", "held", "blocked", "awaiting_approval", "needs_human"],
};

export const canMoveChangeset = (from: ChangesetState, to: ChangesetState) => NEXT[from].includes(to);

/** States in which a pull request exists on GitHub and is not final. */
export const LIVE_PR_STATES = ["draft", "open", "edited", "needs_human", "blocked"] as const satisfies ChangesetState[];

export type ChangesetEventKind = "transition" | "push" | "review" | "check" | "comment" | "flag" | "publish" | "reconcile" | "token" | "follow_up" | "health";

export type ChangesetEventInput = {
  kind: ChangesetEventKind;
  message: string;
  fromState?: ChangesetState;
  toState?: ChangesetState;
  data?: Record<string, unknown>;
  /** When GitHub says it happened (a webhook's timestamp); now otherwise. */
  at?: Date;
};

export async function appendChangesetEvent(tx: Tx, cs: { id: string; tenantId: string }, e: ChangesetEventInput): Promise<number> {
  await tx.$queryRaw`SELECT 1 FROM "Changeset" WHERE id = ${cs.id} FOR UPDATE`;
  const last = await tx.changesetEvent.findFirst({ where: { changesetId: cs.id }, orderBy: { seq: "desc" }, select: { seq: true } });
  const seq = (last?.seq ?? 0) + 1;
  await tx.changesetEvent.create({
    data: {
      tenantId: cs.tenantId, changesetId: cs.id, seq, kind: e.kind, message: redact(e.message),
      fromState: e.fromState ?? null, toState: e.toState ?? null, at: e.at ?? new Date(),
      data: e.data ? (redact(e.data) as Prisma.InputJsonObject) : undefined,
    },
  });
  return seq;
}

export type ChangesetTransition = {
  to: ChangesetState;
  /** Why, in a sentence: "draft PR #12 opened", "merged by octocat". */
  cause: string;
  /** Only from these states (a subset of what the table allows), e.g. only a publishing changeset. */
  from?: readonly ChangesetState[];
  /** A person's operation passes ctx.audit; workers and webhooks audit as the system. */
  audit?: (event: AuditRecord) => Promise<void>;
  actorLabel?: string;
  data?: Record<string, unknown>;
  set?: Prisma.ChangesetUpdateInput;
  at?: Date;
};

/** Returns the state the changeset left, or null when it may not move there now (nothing written). */
export async function transitionChangeset(tx: Tx, changesetId: string, t: ChangesetTransition): Promise<ChangesetState | null> {
  const [row] = await tx.$queryRaw<{ state: ChangesetState; tenantId: string }[]>`
    SELECT state::text AS state, "tenantId" FROM "Changeset" WHERE id = ${changesetId} FOR UPDATE`;
  if (!row || !canMoveChangeset(row.state, t.to) || (t.from && !t.from.includes(row.state))) return null;
  const at = t.at ?? new Date();
  await tx.changeset.update({
    where: { id: changesetId },
    data: {
      // Held since: kept while it stays held (its place in the queue); the hold is cleared when it leaves.
      ...(row.state === "held" && t.to !== "held" ? { heldAt: null, holdKind: null, flagReason: null } : {}),
      ...t.set, state: t.to, lastEventAt: at,
      ...(t.to === "merged" ? { mergedAt: at } : {}),
      // What the PR last was, for its team's review queue while a flag hides it (server/github/caps/).
      ...(t.to === "draft" || t.to === "open" ? { prDraft: t.to === "draft" } : {}),
      ...(t.to === "closed" ? { closedAt: at } : {}),
      ...(row.state === "closed" && t.to !== "closed" ? { closedAt: null } : {}),
    },
  });
  await appendChangesetEvent(tx, { id: changesetId, tenantId: row.tenantId }, { kind: "transition", fromState: row.state, toState: t.to, message: t.cause, data: t.data, at });
  const event: AuditRecord = {
    action: `changeset.${t.to}`, resourceType: "changeset", resourceId: changesetId,
    decision: t.to === "failed" ? "failure" : "success",
    before: { state: row.state }, after: { state: t.to, cause: t.cause },
  };
  if (t.audit) await t.audit(event);
  else await appendAuditEvent(tx, { tenantId: row.tenantId, actorType: "system", actorLabel: t.actorLabel ?? "github", ...event });
  return row.state;
}
