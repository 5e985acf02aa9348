// GitHub's description is OpenAPI 3.0.3, whose schema objects are not quite JSON Schema: `nullable: true`
// widens a schema to accept null (GitHub also puts it beside oneOf/allOf with no `type`, and beside enums
// that do not list null), and `$ref`s point into the description. This answers plain draft-07 JSON Schema
// for Ajv; it changes no other keyword.
import { parseComponentRef } from "./collect-references";

export const SCHEMA_ID_BASE = "https://github-rest.invalid/schemas/";

/** Keywords whose value is a map from names to schemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions"]);
/** Keywords whose value is data, never a schema. */
const DATA = new Set(["enum", "const", "default", "required", "discriminator"]);

export function schemaId(name: string): string {
  return SCHEMA_ID_BASE + encodeURIComponent(name);
}

function schemaRefName(ref: string): string {
  const { kind, name } = parseComponentRef(ref);
  if (kind !== "schemas") throw new Error(`a schema refers to ${ref}, which is not a schema`);
  return name;
}

export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$ref" && typeof value === "string") out.$ref = schemaId(schemaRefName(value));
    else if (DATA.has(key)) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && typeof value === "object" && value !== null)
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s)]));
    else out[key] = toJsonSchema(value);
  }
  if (out.nullable === false) delete out.nullable;
  if (out.nullable !== true) return out;
  // `if` null, nothing more is asked; otherwise the schema as written. Errors then come from the schema
  // as written (the formatter drops the wrapper's own `if` error), not from a "must be null" branch.
  delete out.nullable;
  return Object.keys(out).length ? { if: { type: "null" }, else: out } : {};
}
