// What the API says about itself: health of its services, and an OpenAPI document that matches
// the route contracts exactly.
import { PERSONAL_ROUTES, ROUTES } from "../server/contracts/routes";
import { expect, test } from "./support/api";

test("GET /api/health reports database and redis ok", async ({ as }) => {
  const res = await (await as("anonymous")).get("/api/health");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { status: string; checks: Record<string, { status: string }> };
  expect(body.status).toBe("ok");
  expect(body.checks.database?.status).toBe("ok");
  expect(body.checks.redis?.status).toBe("ok");
});

test("GET /api/v1/openapi.json describes exactly the route contracts", async ({ as }) => {
  const res = await (await as("anonymous")).get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; "x-permission": string; requestBody?: unknown }>> };
  expect(doc.openapi).toMatch(/^3\./);
  for (const r of ROUTES) {
    const op = doc.paths[r.path]?.[r.method.toLowerCase()];
    expect(op, `${r.method} ${r.path}`).toBeDefined();
    expect(op!.operationId).toBe(r.id);
    expect(op!["x-permission"]).toBe(r.permission);
    expect(Boolean(op!.requestBody), `${r.id} request body`).toBe(Boolean(r.body));
  }
  // The person's own routes need no tenant permission and take no API token.
  for (const r of PERSONAL_ROUTES) {
    const op = doc.paths[r.path]?.[r.method.toLowerCase()] as { operationId: string; "x-permission"?: string; security: unknown } | undefined;
    expect(op, `${r.method} ${r.path}`).toBeDefined();
    expect(op!.operationId).toBe(r.id);
    expect(op!["x-permission"]).toBeUndefined();
    expect(op!.security).toEqual([{ session: [] }]);
  }
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
  expect(documented).toEqual([...ROUTES, ...PERSONAL_ROUTES].map((r) => `${r.method} ${r.path}`).sort());
});
