// The audit filter as it lives in the URL, and the API query it becomes. Dates in the URL are
// days (YYYY-MM-DD, UTC); "to" includes the whole day. The fields are free text: the API says
// which one is not valid.
import type { AuditEventView } from "@/server/audit/audit-view";
import { defineUrlFilter, matching, text } from "../ui/url-filter";

export type { AuditEventView };
export type AuditPage = { events: AuditEventView[]; nextCursor: number | null };

export const AUDIT_FIELDS = ["actor", "action", "resourceType", "resourceId", "from", "to"] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];

export const auditFilter = defineUrlFilter({
  actor: text(200), action: text(200), resourceType: text(200), resourceId: text(200), from: text(200), to: text(200),
  cursor: matching(/^\d{1,15}$/),
});
export type AuditFilter = typeof auditFilter.defaults;

export const PAGE_SIZE = 50;

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
