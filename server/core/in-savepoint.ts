// One step of a larger operation that may be refused on its own (a campaign's run admission, one
// changeset of a bulk action): in a savepoint with its own audit events and after-commit steps, so
// a refusal (an AppError) undoes what it wrote and drops them, and the operation goes on. Decision
// records are the caller's and stay: a refusal's decision is evidence too.
import { AppError } from "./app-error";
import type { AuditRecord, OpContext } from "./op-context";

export type SavepointResult<T> = { ok: true; value: T } | { ok: false; message: string; error: AppError };

export async function inSavepoint<T>(ctx: OpContext, fn: (inner: OpContext) => Promise<T>): Promise<SavepointResult<T>> {
  const events: AuditRecord[] = [];
  const after: (() => Promise<unknown>)[] = [];
  const inner: OpContext = { ...ctx, audit: async (e) => void events.push(e), afterCommit: (f) => void after.push(f) };
  await ctx.tx.$executeRaw`SAVEPOINT fleetgate_step`;
  try {
    const value = await fn(inner);
    await ctx.tx.$executeRaw`RELEASE SAVEPOINT fleetgate_step`;
    for (const e of events) await ctx.audit(e);
    for (const f of after) ctx.afterCommit(f);
    return { ok: true, value };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    await ctx.tx.$executeRaw`ROLLBACK TO SAVEPOINT fleetgate_step`;
    return { ok: false, message: e.message, error: e };
  }
}
