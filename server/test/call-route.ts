// Integration-test helper: a route handler called the way Next.js calls it (POST or PATCH with a JSON body, GET with a query, DELETE), with a fresh API token of
// a tenant's person, so authentication, the contract's permissions (alsoRequires too), parsing, the
// transaction and the denial record are the ones every /api/v1 request goes through.
import { randomBytes } from "node:crypto";
import { generateToken } from "../auth/api-token";
import { db } from "../db/client";
import type { TestPerson, TestTenant } from "./run-as";

type Handler = (req: Request, next: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/** An API token of the person in the tenant, holding the given roles (the person must hold them too). */
export async function tokenOf(person: TestPerson, tenant: TestTenant, roles: string[]): Promise<string> {
  const t = generateToken();
  await db.apiToken.create({ data: { tenantId: tenant.id, name: `test-${randomBytes(3).toString("hex")}`, prefix: t.prefix, tokenHash: t.hash, roles, createdById: person.id } });
  return t.token;
}

export async function callRoute(
  handler: Handler,
  o: { token: string; tenant: TestTenant; path: string; params?: Record<string, string>; body?: unknown; method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE"; query?: Record<string, string> },
): Promise<{ status: number; body: { error?: { code: string; message: string; details?: Record<string, unknown> } } & Record<string, unknown>; text: string; headers: Headers; requestId: string }> {
  const requestId = `call-${randomBytes(6).toString("hex")}`;
  const bodyless = o.method === "GET" || o.method === "DELETE";
  const qs = o.query ? `?${new URLSearchParams(o.query).toString()}` : "";
  const res = await handler(
    new Request(`http://127.0.0.1/api/v1/tenants/${o.tenant.slug}${o.path}${qs}`, {
      method: o.method ?? "POST",
      headers: { authorization: `Bearer ${o.token}`, "x-request-id": requestId, ...(bodyless ? {} : { "content-type": "application/json" }) },
      ...(bodyless ? {} : { body: JSON.stringify(o.body ?? {}) }),
    }),
    { params: Promise.resolve({ tenant: o.tenant.slug, ...o.params }) },
  );
  // A download (text/csv) comes back as text; its body is empty.
  const text = await res.text();
  const json = (res.headers.get("content-type") ?? "").startsWith("application/json");
  return { status: res.status, body: json && text ? JSON.parse(text) : {}, text, headers: res.headers, requestId };
}

/** What the audit trail holds for one request: [action, decision]. */
export async function auditOfRequest(requestId: string): Promise<[string, string][]> {
  const rows = await db.auditEvent.findMany({ where: { requestId }, orderBy: { seq: "asc" }, select: { action: true, decision: true } });
  return rows.map((r) => [r.action, r.decision]);
}
