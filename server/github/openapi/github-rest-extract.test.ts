// The checked-in extract is what the pinned package says, cut to exactly what Fleetgate uses.
import { describe, expect, it } from "vitest";
import restExamples from "./fixtures/rest-examples.json" with { type: "json" };
import webhookExamples from "./fixtures/webhook-examples.json" with { type: "json" };
import { collectComponents, listRefs, parseComponentRef } from "./collect-references";
import { COMPONENT_KINDS } from "./extract-schema";
import { loadGithubExtract } from "./load-extract";
import { formatOperation, GITHUB_OPERATIONS, GITHUB_WEBHOOK_EVENTS } from "./operations";
import { OPENAPI_SOURCE, WEBHOOK_EXAMPLES_SOURCE } from "./pin";

const RERUN = "the pin changed without re-extracting: run `npx tsx scripts/extract-github-openapi.ts`";
const extract = loadGithubExtract();

describe("github-rest.extract.json", () => {
  it("was taken from the pinned package", () => {
    const { name, version, file } = extract.source;
    expect({ name, version, file }, RERUN).toEqual(OPENAPI_SOURCE);
    expect(restExamples.source, RERUN).toEqual(extract.source);
    expect(webhookExamples.source, RERUN).toEqual(WEBHOOK_EXAMPLES_SOURCE);
  });

  it("holds every operation in operations.ts and nothing else", () => {
    const held = Object.entries(extract.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(held.sort(), "operations.ts changed: run `npx tsx scripts/extract-github-openapi.ts`").toEqual(GITHUB_OPERATIONS.map(formatOperation).sort());
  });

  it("holds every action of each webhook event Fleetgate consumes, and no other event", () => {
    const events = new Set(Object.keys(extract.webhooks).map((k) => k.split(".")[0]));
    expect([...events].sort()).toEqual([...GITHUB_WEBHOOK_EVENTS].sort());
    expect(extract.webhooks).toHaveProperty(["pull_request.opened"]);
    expect(extract.webhooks).toHaveProperty(["push"]);
  });

  it("resolves every $ref inside itself", () => {
    const dangling = listRefs(extract).filter((ref) => {
      const { kind, name } = parseComponentRef(ref);
      return extract.components[kind][name] === undefined;
    });
    expect(dangling).toEqual([]);
  });

  it("holds exactly the components its operations and webhooks reach", () => {
    const reached = collectComponents({ paths: extract.paths, webhooks: extract.webhooks }, ({ kind, name }) => extract.components[kind][name]);
    const held = COMPONENT_KINDS.flatMap((kind) => Object.keys(extract.components[kind]).map((name) => `${kind}/${name}`));
    expect(held.sort()).toEqual([...reached.keys()].sort());
  });
});
