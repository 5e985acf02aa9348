// One Ajv per validation mode over the extract's component schemas, each schema compiled once.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { GithubRestExtract } from "./extract-schema";
import { loadGithubExtract } from "./load-extract";
import { schemaId, toJsonSchema } from "./to-json-schema";

// ajv-formats is CommonJS; under some loaders its default export arrives wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);

export type SchemaSet = { validate(key: string, schema: unknown, data: unknown, where: string): string[] };

/**
 * `coerce` reads strings as the schema's type: for path, query and header values, which are text on the
 * wire. Bodies are checked as they are.
 */
export function createSchemaSet(extract: GithubRestExtract, { coerce }: { coerce: boolean }): SchemaSet {
  // Each schema is compiled once and then checks a handful of exchanges, so compile time is what counts:
  // GitHub's webhook schemas inline whole pull requests, and inlining refs and optimizing the generated
  // code on top of that doubles it.
  const ajv = new Ajv({
    allErrors: true, coerceTypes: coerce, strict: true, strictTypes: false, strictTuples: false,
    inlineRefs: false, code: { optimize: false },
  });
  addFormats(ajv);
  // "owner/name", the one format GitHub uses that ajv-formats does not know.
  ajv.addFormat("repo.nwo", /^[^/\s]+\/[^/\s]+$/);
  // GitHub's own commit addresses break ajv's e-mail pattern: a bot's is "41898282+github-actions[bot]@users.noreply.github.com".
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  // GitHub names the branch a oneOf takes (GET /users/{username}); the oneOf itself decides validity.
  ajv.addKeyword({ keyword: "discriminator" });
  for (const [name, schema] of Object.entries(extract.components.schemas))
    ajv.addSchema({ ...(toJsonSchema(schema) as object), $id: schemaId(name) });

  const compiled = new Map<string, ValidateFunction>();
  return {
    validate(key, schema, data, where) {
      let check = compiled.get(key);
      if (!check) compiled.set(key, (check = ajv.compile(toJsonSchema(schema) as object)));
      return check(data) ? [] : formatErrors(where, check.errors ?? []);
    },
  };
}

let shared: { extract: GithubRestExtract; bodies: SchemaSet; text: SchemaSet } | undefined;

/** The checked-in extract's schema sets, made once per process: `bodies` as sent, `text` read from strings. */
export function githubSchemaSets() {
  const extract = loadGithubExtract();
  return (shared ??= { extract, bodies: createSchemaSet(extract, { coerce: false }), text: createSchemaSet(extract, { coerce: true }) });
}

export function formatErrors(where: string, errors: readonly ErrorObject[]): string[] {
  const lines = errors.flatMap((e) => {
    const at = where + pointerToPath(e.instancePath);
    switch (e.keyword) {
      case "if": return []; // the nullable wrapper's own error; the schema's errors follow it
      case "required": return [`${at}${propertyPath(String(e.params.missingProperty))}: is required`];
      case "additionalProperties": return [`${at}${propertyPath(String(e.params.additionalProperty))}: is not allowed`];
      case "enum": return [`${at}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`];
      default: return [`${at}: ${e.message ?? e.keyword}`];
    }
  });
  return [...new Set(lines)];
}

function pointerToPath(pointer: string): string {
  return pointer.split("/").slice(1).map((p) => propertyPath(p.replaceAll("~1", "/").replaceAll("~0", "~"))).join("");
}

function propertyPath(name: string): string {
  if (/^\d+$/.test(name)) return `[${name}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}
