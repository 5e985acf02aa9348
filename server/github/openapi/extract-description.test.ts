import { describe, expect, it } from "vitest";
import { extractDescription } from "./extract-description";

const SOURCE = { name: "@octokit/openapi", version: "0.0.0", file: "generated/api.github.com.json", sha256: "0".repeat(64) };
const json = (schema: unknown) => ({ content: { "application/json": { schema, examples: { default: { $ref: "#/components/examples/pr" } } } } });

const description = {
  openapi: "3.0.3",
  info: { version: "1.0.0" },
  paths: {
    "/repos/{owner}/{repo}/pulls/{pull_number}": {
      get: {
        summary: "Get a pull request", description: "prose", operationId: "pulls/get", tags: ["pulls"], "x-github": { category: "pulls" },
        parameters: [{ $ref: "#/components/parameters/owner" }],
        responses: { "200": json({ $ref: "#/components/schemas/pull-request" }), "404": { $ref: "#/components/responses/not_found" } },
      },
      patch: { operationId: "pulls/update", responses: { "200": json({ $ref: "#/components/schemas/unused-by-get" }) } },
    },
  },
  "x-webhooks": {
    "pull-request-review-requested": { post: {
      operationId: "pull-request/review-requested", "x-github": { subcategory: "pull_request" },
      requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/webhook-pr" } } } },
    } },
    "push": { post: {
      operationId: "push", "x-github": { subcategory: "push" },
      requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/webhook-push" } } } },
    } },
    "star-created": { post: {
      operationId: "star/created", "x-github": { subcategory: "star" },
      requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/webhook-star" } } } },
    } },
  },
  components: {
    parameters: { owner: { name: "owner", in: "path", required: true, schema: { type: "string" } } },
    responses: { not_found: json({ $ref: "#/components/schemas/basic-error" }) },
    examples: { pr: { value: { number: 1 } } },
    schemas: {
      "pull-request": {
        type: "object", description: "A pull request", example: { number: 1 },
        properties: { description: { type: "string" }, user: { $ref: "#/components/schemas/simple-user" }, state: { enum: ["open", "closed"], "x-note": 1 } },
      },
      "simple-user": { type: "object", properties: { login: { type: "string" } } },
      "basic-error": { type: "object", properties: { message: { type: "string" } } },
      "unused-by-get": { type: "object" },
      "webhook-pr": { type: "object", properties: { action: { type: "string" } } },
      "webhook-push": { type: "object", properties: { ref: { type: "string" } } },
      "webhook-star": { type: "object" },
      "never-referenced": { type: "object" },
    },
  },
};

describe("extractDescription", () => {
  const extract = extractDescription(description, SOURCE, [{ method: "get", path: "/repos/{owner}/{repo}/pulls/{pull_number}" }], ["pull_request", "push"]);

  it("keeps only the listed operations, with what validation reads", () => {
    expect(Object.keys(extract.paths["/repos/{owner}/{repo}/pulls/{pull_number}"]!)).toEqual(["get"]);
    expect(Object.keys(extract.paths["/repos/{owner}/{repo}/pulls/{pull_number}"]!.get!).sort()).toEqual(["operationId", "parameters", "responses"]);
  });

  it("keeps exactly the components reached, transitively, without examples or prose", () => {
    expect(Object.keys(extract.components.schemas).sort()).toEqual(["basic-error", "pull-request", "simple-user", "webhook-pr", "webhook-push"]);
    expect(Object.keys(extract.components.parameters)).toEqual(["owner"]);
    expect(Object.keys(extract.components.responses)).toEqual(["not_found"]);
    expect(extract.components.schemas["pull-request"]).toEqual({
      type: "object",
      properties: { description: { type: "string" }, user: { $ref: "#/components/schemas/simple-user" }, state: { enum: ["open", "closed"] } },
    });
  });

  it("keys webhook payloads by event and the payload's own action name", () => {
    expect(extract.webhooks).toEqual({
      "pull_request.review_requested": { $ref: "#/components/schemas/webhook-pr" },
      push: { $ref: "#/components/schemas/webhook-push" },
    });
  });

  it("records where it came from", () => {
    expect(extract.source).toEqual({ ...SOURCE, openapi: "3.0.3", descriptionVersion: "1.0.0" });
  });

  it("fails naming each operation or event the description lacks", () => {
    expect(() => extractDescription(description, SOURCE, [{ method: "get", path: "/foo" }, { method: "delete", path: "/repos/{owner}/{repo}/pulls/{pull_number}" }], ["check_run"]))
      .toThrow("not in @octokit/openapi@0.0.0 generated/api.github.com.json: GET /foo; DELETE /repos/{owner}/{repo}/pulls/{pull_number}; webhook event check_run");
  });

  it("fails on a $ref that does not resolve", () => {
    const broken = { ...description, components: { ...description.components, schemas: { ...description.components.schemas, "simple-user": undefined } } };
    expect(() => extractDescription(broken, SOURCE, [{ method: "get", path: "/repos/{owner}/{repo}/pulls/{pull_number}" }], [])).toThrow("$ref #/components/schemas/simple-user does not resolve");
  });
});
