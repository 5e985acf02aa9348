// A read-only OpContext: GET handlers and server-rendered pages call the same domain functions
// with it. Reads run on the plain client; an attempt to audit (that is, to change data) throws.
import { randomUUID } from "node:crypto";
import type { RequestMeta, Scope } from "../authz/scope";
import { db } from "../db/client";
import { recordDecisions, type DecisionToRecord } from "../policy/record-decision";
import { queuedDecide, type OpContext } from "./op-context";

export function readContext(scope: Scope, meta: RequestMeta = { requestId: `page-${randomUUID()}`, ip: null }): OpContext {
  return {
    scope,
    meta,
    tx: db,
    audit: async () => {
      throw new Error("a read must not change data");
    },
    // A read that asks the policy still leaves its decision record (evidence is not a change).
    afterCommit: () => {
      throw new Error("a read has nothing to commit");
    },
    decide: async (action, resource, context) => {
      const queue: DecisionToRecord[] = [];
      const d = await queuedDecide(scope, queue)(action, resource, context);
      await recordDecisions(db, scope.tenant.id, queue);
      return d;
    },
  };
}
