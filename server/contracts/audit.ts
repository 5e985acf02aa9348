import { z } from "zod";
import { ZAuditFilter } from "../audit/audit-input";
import { ZAuditEvent } from "../audit/audit-view";
import { defineRoute, ZTenantParam } from "../http/define-route";

const tenantParams = z.object({ tenant: ZTenantParam });

export const listAuditEventsRoute = defineRoute({
  id: "audit.list", method: "GET", path: "/api/v1/tenants/{tenant}/audit/events", tag: "audit",
  summary: "Search the audit trail, newest first; keyset-paged by sequence number", permission: "audit.read",
  params: tenantParams, query: ZAuditFilter,
  response: z.object({ events: z.array(ZAuditEvent), nextCursor: z.number().int().nullable() }),
  example: { query: { action: "member.add" } },
});

export const getAuditEventRoute = defineRoute({
  id: "audit.get", method: "GET", path: "/api/v1/tenants/{tenant}/audit/events/{seq}", tag: "audit",
  summary: "One audit event with its payload and chain position", permission: "audit.read",
  params: z.object({ tenant: ZTenantParam, seq: z.coerce.number().int().positive() }), response: ZAuditEvent,
});

export const verifyAuditChainRoute = defineRoute({
  id: "audit.verify", method: "GET", path: "/api/v1/tenants/{tenant}/audit/verify", tag: "audit",
  summary: "Walk the tenant's hash chain and report the first broken sequence number", permission: "audit.verify",
  params: tenantParams,
  response: z.object({ valid: z.boolean(), events: z.number().int(), brokenAt: z.number().int().optional(), problem: z.string().optional(), headHash: z.string().optional() }),
});
