// The audit filter as it lives in the URL, and the API query it becomes. Dates in the URL are
// days (YYYY-MM-DD, UTC); "to" includes the whole day.
import type { AuditEventView } from "@/server/audit/audit-view";

export type { AuditEventView };
export type AuditPage = { events: AuditEventView[]; nextCursor: number | null };

export const AUDIT_FIELDS = ["actor", "action", "resourceType", "resourceId", "from", "to"] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];
export type AuditFilter = Record<AuditField, string> & { cursor: string };

export const PAGE_SIZE = 50;

export function auditFilterFrom(params: URLSearchParams): AuditFilter {
  const f = { cursor: /^\d{1,15}$/.test(params.get("cursor") ?? "") ? params.get("cursor")! : "" } as AuditFilter;
  for (const k of AUDIT_FIELDS) f[k] = (params.get(k) ?? "").trim().slice(0, 200);
  return f;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function auditApiQuery(f: AuditFilter): Record<string, string | number | undefined> {
  return {
    actor: f.actor || undefined,
    action: f.action || undefined,
    resourceType: f.resourceType || undefined,
    resourceId: f.resourceId || undefined,
    from: f.from ? (DAY.test(f.from) ? `${f.from}T00:00:00.000Z` : f.from) : undefined,
    to: f.to ? (DAY.test(f.to) ? `${f.to}T23:59:59.999Z` : f.to) : undefined,
    cursor: f.cursor || undefined,
    limit: PAGE_SIZE,
  };
}

export function auditUrlQuery(f: AuditFilter): string {
  const qs = new URLSearchParams();
  for (const k of [...AUDIT_FIELDS, "cursor"] as const) if (f[k]) qs.set(k, f[k]);
  return qs.toString();
}

export const sameFilter = (a: AuditFilter, b: AuditFilter) => auditUrlQuery(a) === auditUrlQuery(b);
