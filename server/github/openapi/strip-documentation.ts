// Drops what validation never reads from a piece of GitHub's OpenAPI description: prose, examples and
// vendor extensions. `x-multi-segment` stays: it says a path parameter may span several segments
// (`git/ref/heads/feature/x`), which path matching needs.
const DROPPED = new Set(["description", "summary", "externalDocs", "example", "examples", "tags"]);
const KEPT_EXTENSIONS = new Set(["x-multi-segment"]);
/** Maps whose keys are names (a property called `description` is not prose). */
const NAME_MAPS = new Set(["properties", "patternProperties", "headers", "content", "responses", "mapping"]);
/** Values that are data, not schema or description objects. */
const DATA_VALUES = new Set(["enum", "default", "const"]);

export function stripDocumentation(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripDocumentation);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || (key.startsWith("x-") && !KEPT_EXTENSIONS.has(key))) continue;
    if (DATA_VALUES.has(key)) out[key] = value;
    else if (NAME_MAPS.has(key) && isObject(value)) out[key] = mapValues(value, stripDocumentation);
    else out[key] = stripDocumentation(value);
  }
  return out;
}

function mapValues(map: Record<string, unknown>, f: (v: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, f(v)]));
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
