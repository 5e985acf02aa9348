// Direct reads of the e2e database, as the superuser: the independent witness that a refused
// request changed nothing and that every change left its audit event.
import pg from "pg";
import { E2E_DATABASE_URL } from "./env";

// allowExitOnIdle: no teardown needed in workers or global setup.
const pool = new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 3, idleTimeoutMillis: 1_000, allowExitOnIdle: true });

export async function sql<T extends object>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await pool.query<T>(text, params)).rows;
}

export const TABLE_OF = {
  member: "Membership",
  invitation: "Invitation",
  team: "Team",
  repository: "Repository",
  token: "ApiToken",
  policy: "PolicyDocument",
  approval: "ApprovalRequest",
  webhook: "WebhookEndpoint",
  delivery: "WebhookDelivery",
  run: "Run",
  changeset: "Changeset",
  killSwitch: "KillSwitch",
  installation: "GithubInstallation",
  verifierProfile: "VerifierProfile",
  campaign: "Campaign",
  budget: "Budget",
} as const;
export type ObjectKind = keyof typeof TABLE_OF;

// Some rows never change themselves: what changes is what hangs off them. Their snapshot is the row
// with that: a policy document with its versions and activation requests (approval requests for
// its versions), an approval request with its votes, a team with its members, a webhook with its
// test deliveries (pings; the approval events it receives arrive whenever other tests decide
// something, so they are left out), a member with whether each of their sessions has ended.
const SNAPSHOT_SQL: Partial<Record<ObjectKind, string>> = {
  member: `SELECT json_build_object(
      'member', row_to_json(m),
      'sessions', (SELECT json_agg(json_build_object('id', s.id, 'endedAt', s."endedAt", 'endReason', s."endReason") ORDER BY s.id) FROM "Session" s WHERE s."userId" = m."userId")
    ) AS row FROM "Membership" m WHERE m.id = $1`,
  policy: `SELECT json_build_object(
      'document', row_to_json(d),
      'versions', (SELECT json_agg(row_to_json(v) ORDER BY v.number) FROM "PolicyVersion" v WHERE v."documentId" = d.id),
      'requests', (SELECT json_agg(row_to_json(r) ORDER BY r."createdAt", r.id) FROM "ApprovalRequest" r
                     JOIN "PolicyVersion" v ON r."subjectType" = 'policy_version' AND r."subjectId" = v.id WHERE v."documentId" = d.id)
    ) AS row FROM "PolicyDocument" d WHERE d.id = $1`,
  approval: `SELECT json_build_object(
      'request', row_to_json(r),
      'votes', (SELECT json_agg(row_to_json(v) ORDER BY v."createdAt", v.id) FROM "ApprovalVote" v WHERE v."requestId" = r.id)
    ) AS row FROM "ApprovalRequest" r WHERE r.id = $1`,
  team: `SELECT json_build_object(
      'team', row_to_json(t),
      'members', (SELECT json_agg(m."userId" ORDER BY m."userId") FROM "TeamMember" m WHERE m."teamId" = t.id)
    ) AS row FROM "Team" t WHERE t.id = $1`,
  // A campaign with the detections asked of it (their ids: a finished one's outcome is the worker's).
  campaign: `SELECT json_build_object(
      'campaign', row_to_json(c),
      'detections', (SELECT json_agg(d.id ORDER BY d.id) FROM "CampaignDetection" d WHERE d."campaignId" = c.id)
    ) AS row FROM "Campaign" c WHERE c.id = $1`,
  webhook: `SELECT json_build_object(
      'webhook', row_to_json(e),
      'pings', (SELECT json_agg(row_to_json(d) ORDER BY d."createdAt", d.id) FROM "WebhookDelivery" d WHERE d."endpointId" = e.id AND d.event = 'ping')
    ) AS row FROM "WebhookEndpoint" e WHERE e.id = $1`,
};

/** The whole row as JSON (null when gone), to compare before and after a request. */
export async function snapshotRow(kind: ObjectKind, id: string): Promise<Record<string, unknown> | null> {
  const text = SNAPSHOT_SQL[kind] ?? `SELECT row_to_json(t) AS row FROM "${TABLE_OF[kind]}" t WHERE id = $1`;
  const rows = await sql<{ row: Record<string, unknown> }>(text, [id]);
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

export type VersionRow = { number: number; state: string; content: string; tests: string; authorLabel: string };

/** A policy document's versions, oldest first (empty for an id that names none). */
export async function policyVersions(documentId: string): Promise<VersionRow[]> {
  return sql<VersionRow>(
    `SELECT number, state::text AS state, content, tests, "authorLabel" FROM "PolicyVersion" WHERE "documentId" = $1 ORDER BY number`,
    [documentId],
  );
}

/** How many votes a request holds (the witness that a refused vote recorded nothing). */
export async function voteCount(requestId: string): Promise<number> {
  return (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "ApprovalVote" WHERE "requestId" = $1`, [requestId]))[0]!.n;
}

export type ApprovalRow = { state: string; outcomeReason: string | null; decidedAt: Date | null; appliedAt: Date | null; applyResult: string | null };

export async function approvalRow(requestId: string): Promise<ApprovalRow | undefined> {
  return (await sql<ApprovalRow>(`SELECT state::text AS state, "outcomeReason", "decidedAt", "appliedAt", "applyResult" FROM "ApprovalRequest" WHERE id = $1`, [requestId]))[0];
}

/** Audit events about one object (by resource id), oldest first. */
export async function auditEventsAbout(resourceId: string): Promise<AuditRow[]> {
  return sql<AuditRow>(
    `SELECT a.action, a.decision, t.slug AS tenant, a."actorLabel", a."resourceId"
       FROM "AuditEvent" a LEFT JOIN "Tenant" t ON t.id = a."tenantId" WHERE a."resourceId" = $1 ORDER BY a.id`,
    [resourceId],
  );
}
