import { describe, expect, it } from "vitest";
import { loadGithubExtract } from "./load-extract";
import { createSchemaSet, formatErrors } from "./schema-set";

describe("createSchemaSet", () => {
  const extract = loadGithubExtract();

  // A keyword or format GitHub starts using that Ajv does not know fails here, at the pin bump,
  // rather than in the middle of a twin test.
  it("compiles every schema of the extract in strict mode", () => {
    const set = createSchemaSet(extract, { coerce: false });
    for (const name of Object.keys(extract.components.schemas))
      expect(() => set.validate(`schemas/${name}`, { $ref: `#/components/schemas/${name}` }, {}, "x")).not.toThrow();
  });

  it("reads OpenAPI's nullable: beside a type, an enum without null, and a oneOf", () => {
    const set = createSchemaSet(extract, { coerce: false });
    const schema = {
      type: "object",
      properties: {
        a: { type: "string", nullable: true },
        b: { type: "string", nullable: true, enum: ["x", "y"] },
        c: { nullable: true, oneOf: [{ type: "integer" }, { type: "boolean" }] },
      },
    };
    expect(set.validate("nullable", schema, { a: null, b: null, c: null }, "v")).toEqual([]);
    expect(set.validate("nullable", schema, { a: "s", b: "x", c: 2 }, "v")).toEqual([]);
    expect(set.validate("nullable", schema, { a: 1, b: "z", c: "s" }, "v")).toEqual([
      "v.a: must be string", "v.b: must be one of \"x\", \"y\"", "v.c: must be integer", "v.c: must be boolean", "v.c: must match exactly one schema in oneOf",
    ]);
  });

  it("names where a problem is, in JavaScript's own notation", () => {
    const errors = [
      { instancePath: "/items/0/head/sha", keyword: "type", params: {}, schemaPath: "", message: "must be string" },
      { instancePath: "/labels", keyword: "required", params: { missingProperty: "x-y z" }, schemaPath: "" },
    ];
    expect(formatErrors("response.body", errors)).toEqual(["response.body.items[0].head.sha: must be string", "response.body.labels[\"x-y z\"]: is required"]);
  });
});
