// The run state machine. A transition is a conditional update (it happens only from the states
// allowed, and for a worker only while it holds the lease), a RunEvent and an audit event, in the
// caller's transaction.
import { appendAuditEvent } from "../audit/append-event";
import type { Tx } from "../db/client";
import { Prisma, type RunFailureClass, type RunState } from "../db/generated/client";
import type { AuditRecord } from "../core/op-context";
import { appendRunEvent } from "./run-events";

export const ACTIVE_STATES = ["preparing", "running", "verifying"] as const satisfies RunState[];
export const TERMINAL_STATES = ["succeeded", "failed", "cancelled"] as const satisfies RunState[];
export const isTerminal = (s: RunState) => (TERMINAL_STATES as readonly RunState[]).includes(s);

const NEXT: Record<RunState, readonly RunState[]> = {
  queued: ["preparing", "awaiting_approval", "failed", "cancelled"],
  // A worker that lost its run (crash, expired lease) starts it again from preparing.
  preparing: ["preparing", "running", "failed", "cancelled"],
  running: ["preparing", "verifying", "awaiting_approval", "failed", "cancelled"],
  // awaiting_approval: a verifier step waits for a budget to be raised (the resumed run verifies again).
  verifying: ["preparing", "succeeded", "awaiting_approval", "failed", "cancelled"],
  awaiting_approval: ["queued", "failed", "cancelled"],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export const canMove = (from: RunState, to: RunState) => NEXT[from].includes(to);

export type Transition = {
  to: RunState;
  /** Why, in a sentence: "cloned acme/docs-site at 1a2b3c", "cancelled by ana@acme.test". */
  cause: string;
  failureClass?: RunFailureClass;
  /** Only a worker holding this lease may move the run. */
  leaseOwner?: string;
  /** A person's operation passes ctx.audit (its actor and request); workers audit as the system. */
  audit?: (event: AuditRecord) => Promise<void>;
  data?: Record<string, unknown>;
  /** Other columns to set with the state (baseSha, summary, ...). */
  set?: Record<string, unknown>;
};

/** Returns the state the run left, or null when it was not in a state that may move there (nothing written). */
export async function transitionRun(tx: Tx, runId: string, t: Transition): Promise<RunState | null> {
  const [row] = await tx.$queryRaw<{ state: RunState; tenantId: string; leaseOwner: string | null }[]>`
    SELECT state::text AS state, "tenantId", "leaseOwner" FROM "Run" WHERE id = ${runId} FOR UPDATE`;
  if (!row || !canMove(row.state, t.to)) return null;
  if (t.leaseOwner && row.leaseOwner !== t.leaseOwner) return null;
  const terminal = isTerminal(t.to);
  const now = new Date();
  await tx.run.update({
    where: { id: runId },
    data: {
      ...t.set,
      state: t.to,
      ...(t.to === "preparing" && row.state === "queued" ? { startedAt: now } : {}),
      ...(terminal ? { finishedAt: now, leaseOwner: null, leaseExpiresAt: null, failureClass: t.failureClass ?? null, failureMessage: t.to === "succeeded" ? null : t.cause } : {}),
      ...(t.to === "awaiting_approval" || t.to === "queued" ? { leaseOwner: null, leaseExpiresAt: null } : {}),
      // A pause for approval is not a crash: the resumed run starts its count of takes afresh.
      ...(t.to === "awaiting_approval" ? { leaseCount: 0 } : {}),
      // What a run waits for on a budget is said only while it waits.
      ...(row.state === "awaiting_approval" && t.to !== "awaiting_approval" ? { budgetWait: Prisma.DbNull } : {}),
    },
  });
  await appendRunEvent(tx, { id: runId, tenantId: row.tenantId }, {
    kind: "transition", fromState: row.state, toState: t.to, message: t.cause,
    data: { ...(t.failureClass ? { failureClass: t.failureClass } : {}), ...t.data },
  });
  const event: AuditRecord = {
    action: `run.${t.to}`, resourceType: "run", resourceId: runId, decision: t.to === "failed" ? "failure" : "success",
    before: { state: row.state }, after: { state: t.to, cause: t.cause, ...(t.failureClass ? { failureClass: t.failureClass } : {}) },
  };
  if (t.audit) await t.audit(event);
  else await appendAuditEvent(tx, { tenantId: row.tenantId, actorType: "system", actorLabel: "worker", ...event });
  return row.state;
}
