// A read-only OpContext for server-rendered pages, so a page's first render calls the same domain
// functions as the GET endpoints (withAuthz runs reads on the plain client the same way).
import { randomUUID } from "node:crypto";
import type { Scope } from "@/server/authz/scope";
import { db, type Tx } from "@/server/db/client";
import type { OpContext } from "@/server/http/with-authz";

export function readContext(scope: Scope): OpContext {
  return {
    scope,
    meta: { requestId: `page-${randomUUID()}`, ip: null },
    tx: db as unknown as Tx,
    audit: async () => {
      throw new Error("a page render must not change data");
    },
  };
}
