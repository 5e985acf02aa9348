// Approval journeys' helpers: policy activation requests raised through the API as a policy admin
// would, votes, and waiting for the worker (started by global setup) to apply an outcome.
import { randomUUID } from "node:crypto";
import { expect, request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { OWN_TENANT, storageStateOf, type Persona, type TenantSlug } from "../fixtures";
import { BASE_URL } from "./env";
import { fixturePolicy, fixtureTests } from "./policy-yaml";

export const apiAs = (who: Persona): Promise<APIRequestContext> => request.newContext({ baseURL: BASE_URL, storageState: storageStateOf(who) });

async function ok<T>(res: Promise<APIResponse>, what: string, status = 201): Promise<T> {
  const r = await res;
  expect(r.status(), `${what}: ${await r.text()}`).toBe(status);
  return (await r.json()) as T;
}

export type Summary = { id: string; title: string; state: string; appliedAt: string | null; applyResult: string | null; kind: string };

export type PolicyActivation = { documentId: string; name: string; version: number; approval: Summary };

/**
 * A tenant policy written by `author`, with an activation request for its latest version raised
 * by the same person. With `activeFirst` version 1 is activated first (requested, approved by
 * `approver` and applied by the worker), so the request is for version 2 and replaces version 1:
 * the request page then shows a diff.
 */
export async function policyActivation(author: Persona, o: { tenant?: TenantSlug; activeFirst?: { approver: Persona }; note?: string } = {}): Promise<PolicyActivation> {
  const tenant = o.tenant ?? OWN_TENANT;
  const u = randomUUID().replaceAll("-", "").slice(0, 10);
  const name = `e2e-approval-${u}`;
  const dir = `e2e-${u}`;
  const ctx = await apiAs(author);
  try {
    const base = `/api/v1/tenants/${tenant}/policies`;
    const created = await ok<{ documentId: string; number: number }>(
      ctx.post(base, { data: { content: fixturePolicy(name, dir), tests: fixtureTests(dir), message: "First version, written for the approvals journey" } }), "creating a policy");
    const documentId = created.documentId;
    let version = created.number;
    if (o.activeFirst) {
      const first = await ok<Summary>(ctx.post(`${base}/${documentId}/versions/${version}/activation`, { data: {} }), "requesting version 1");
      await vote(o.activeFirst.approver, first.id, "approve", undefined, tenant);
      await waitApplied(o.activeFirst.approver, first.id, tenant);
      const second = await ok<{ number: number }>(ctx.post(`${base}/${documentId}/versions`, {
        data: {
          content: fixturePolicy(name, dir, { reason: "fixture paths are written by people, never by agents" }),
          tests: fixtureTests(dir), message: "Clearer reason for the denial", baseNumber: version,
        },
      }), "saving version 2");
      version = second.number;
    }
    const approval = await ok<Summary>(
      ctx.post(`${base}/${documentId}/versions/${version}/activation`, { data: o.note ? { note: o.note } : {} }), `requesting version ${version}`);
    return { documentId, name, version, approval };
  } finally {
    await ctx.dispose();
  }
}

export async function vote(who: Persona, approvalId: string, v: "approve" | "deny", reason?: string, tenant: TenantSlug = OWN_TENANT) {
  const ctx = await apiAs(who);
  try {
    return await ok<{ state: string }>(ctx.post(`/api/v1/tenants/${tenant}/approvals/${approvalId}/votes`, { data: reason ? { vote: v, reason } : { vote: v } }), `${who.email} voting ${v}`);
  } finally {
    await ctx.dispose();
  }
}

/** Waits until the worker applied the request's outcome; returns what it did. */
export async function waitApplied(who: Persona, approvalId: string, tenant: TenantSlug = OWN_TENANT): Promise<string> {
  const ctx = await apiAs(who);
  try {
    let result: string | null = null;
    await expect.poll(async () => {
      const d = await ok<Summary>(ctx.get(`/api/v1/tenants/${tenant}/approvals/${approvalId}`), "reading the request", 200);
      result = d.applyResult;
      return d.appliedAt !== null;
    }, { message: "the worker applies the outcome", timeout: 30_000 }).toBe(true);
    return result!;
  } finally {
    await ctx.dispose();
  }
}
