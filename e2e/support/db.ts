// Direct reads of the e2e database, as the superuser: the independent witness that a refused
// request changed nothing and that every change left its audit event.
import pg from "pg";
import { E2E_DATABASE_URL } from "./env";

// allowExitOnIdle: no teardown needed in workers or global setup.
const pool = new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 3, idleTimeoutMillis: 1_000, allowExitOnIdle: true });

export async function sql<T extends object>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await pool.query<T>(text, params)).rows;
}

export const TABLE_OF = { member: "Membership", team: "Team", repository: "Repository", token: "ApiToken" } as const;
export type ObjectKind = keyof typeof TABLE_OF;

/** The whole row as JSON (null when gone), to compare before and after a request. */
export async function snapshotRow(kind: ObjectKind, id: string): Promise<Record<string, unknown> | null> {
  const rows = await sql<{ row: Record<string, unknown> }>(`SELECT row_to_json(t) AS row FROM "${TABLE_OF[kind]}" t WHERE id = $1`, [id]);
  return rows[0]?.row ?? null;
}

export type AuditRow = { action: string; decision: string; tenant: string | null; actorLabel: string | null; resourceId: string | null };

/** Audit events written while serving one request (matched by the x-request-id we sent). */
export async function auditEventsOfRequest(requestId: string): Promise<AuditRow[]> {
  return sql<AuditRow>(
    `SELECT a.action, a.decision, t.slug AS tenant, a."actorLabel", a."resourceId"
       FROM "AuditEvent" a LEFT JOIN "Tenant" t ON t.id = a."tenantId" WHERE a."requestId" = $1 ORDER BY a.id`,
    [requestId],
  );
}

export async function tenantId(slug: string): Promise<string> {
  const rows = await sql<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = $1`, [slug]);
  if (!rows[0]) throw new Error(`tenant ${slug} is not seeded`);
  return rows[0].id;
}
