import assert from "node:assert/strict";
import { test } from "node:test";
import { ProjectStore } from "../src/projects.js";
import { handle } from "../src/routes.js";

test("health check answers ok", () => {
  assert.deepEqual(handle({ method: "GET", path: "/healthz" }, new ProjectStore()), { status: 200, body: { ok: true } });
});

test("a created project can be listed and fetched", () => {
  const store = new ProjectStore();
  const created = handle({ method: "POST", path: "/v1/projects", body: { name: "billing" } }, store);
  assert.equal(created.status, 201);
  assert.deepEqual(handle({ method: "GET", path: "/v1/projects" }, store).body.data, [created.body]);
  assert.equal(handle({ method: "GET", path: `/v1/projects/${created.body.id}` }, store).body.name, "billing");
});

test("invalid and duplicate names are refused with 422", () => {
  const store = new ProjectStore();
  assert.equal(handle({ method: "POST", path: "/v1/projects", body: { name: "No Spaces" } }, store).status, 422);
  handle({ method: "POST", path: "/v1/projects", body: { name: "web" } }, store);
  assert.equal(handle({ method: "POST", path: "/v1/projects", body: { name: "web" } }, store).status, 422);
});

test("unknown projects and routes answer 404", () => {
  const store = new ProjectStore();
  assert.equal(handle({ method: "GET", path: "/v1/projects/prj_404" }, store).status, 404);
  assert.equal(handle({ method: "GET", path: "/v2/anything" }, store).status, 404);
});
