// Finds the components a piece of the description reaches, following `$ref`s through components.
import { COMPONENT_KINDS, type ComponentKind } from "./extract-schema";
import { isObject } from "./strip-documentation";

export type ComponentRef = { kind: ComponentKind; name: string };

/** `#/components/schemas/pull-request` -> { kind: "schemas", name: "pull-request" }; anything else throws. */
export function parseComponentRef(ref: string): ComponentRef {
  const m = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  const kind = m?.[1] as ComponentKind | undefined;
  if (!m || !kind || !COMPONENT_KINDS.includes(kind)) throw new Error(`unexpected $ref ${ref}: only #/components/{${COMPONENT_KINDS.join(",")}}/NAME are followed`);
  return { kind, name: m[2]!.replaceAll("~1", "/").replaceAll("~0", "~") };
}

export function listRefs(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) listRefs(v, into);
  else if (isObject(node)) {
    if (typeof node.$ref === "string") into.push(node.$ref);
    for (const v of Object.values(node)) listRefs(v, into);
  }
  return into;
}

/**
 * Every component reachable from `roots`, transitively, keyed `kind/name`, as `lookup` answers it (the
 * references followed are those of the answered value). Throws on a dangling `$ref`.
 */
export function collectComponents(roots: unknown, lookup: (ref: ComponentRef) => unknown): Map<string, ComponentRef & { value: unknown }> {
  const found = new Map<string, ComponentRef & { value: unknown }>();
  const pending = listRefs(roots);
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const { kind, name } = parseComponentRef(ref);
    const key = `${kind}/${name}`;
    if (found.has(key)) continue;
    const value = lookup({ kind, name });
    if (value === undefined) throw new Error(`$ref ${ref} does not resolve`);
    found.set(key, { kind, name, value });
    listRefs(value, pending);
  }
  return found;
}
