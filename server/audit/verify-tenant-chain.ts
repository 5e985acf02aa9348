import { db } from "../db/client";
import type { OpContext } from "../core/op-context";
import { verifyChain } from "./verify-chain";

/** Verification reads the whole chain; it runs outside any request transaction. */
export async function verifyTenantChain(ctx: OpContext) {
  const r = await verifyChain(db, ctx.scope.tenant.id);
  return r.valid
    ? { valid: true, events: r.events, headHash: r.headHash }
    : { valid: false, events: r.events, brokenAt: r.brokenAt, problem: r.problem };
}
