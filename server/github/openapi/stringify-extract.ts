// Writes JSON indented down to `depth` levels and compact below, so that in the checked-in extract each
// operation, webhook and component is one line: small on disk, and a re-extraction's diff names what changed.
export function stringifyShallow(value: unknown, depth: number, indent = ""): string {
  if (depth === 0 || typeof value !== "object" || value === null || Array.isArray(value)) return JSON.stringify(value);
  const entries = Object.entries(value);
  if (!entries.length) return "{}";
  const inner = indent + "  ";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyShallow(v, depth - 1, inner)}`).join(",\n")}\n${indent}}`;
}
