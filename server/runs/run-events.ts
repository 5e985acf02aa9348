// A run's timeline. Events are numbered per run under the run's row lock, so two writers (the worker
// and a person cancelling) never take the same number; details are redacted before they are stored.
import type { Tx } from "../db/client";
import type { Prisma, RunState } from "../db/generated/client";
import { redact } from "../redaction/redact";

export type RunEventInput = {
  kind: "transition" | "tool_call" | "approval" | "verifier" | "log" | "kill_switch" | "prompt_injection" | "follow_up";
  message: string;
  fromState?: RunState;
  toState?: RunState;
  data?: Record<string, unknown>;
};

export async function appendRunEvent(tx: Tx, run: { id: string; tenantId: string }, e: RunEventInput): Promise<number> {
  await tx.$queryRaw`SELECT 1 FROM "Run" WHERE id = ${run.id} FOR UPDATE`;
  const last = await tx.runEvent.findFirst({ where: { runId: run.id }, orderBy: { seq: "desc" }, select: { seq: true } });
  const seq = (last?.seq ?? 0) + 1;
  await tx.runEvent.create({
    data: {
      tenantId: run.tenantId, runId: run.id, seq, kind: e.kind, message: redact(e.message),
      fromState: e.fromState ?? null, toState: e.toState ?? null,
      data: e.data ? (redact(e.data) as Prisma.InputJsonObject) : undefined,
    },
  });
  return seq;
}
