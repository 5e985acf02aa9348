// The effective policy of a tenant: every active platform and tenant version, compiled once and
// cached by the exact set of versions, so a publish anywhere changes the key and is seen at once.
// The shadow set is the same with each document's shadow version in place of its active one.
import type { Tx } from "../db/client";
import { AppError } from "../http/app-error";
import { compilePolicySet, type CompiledPolicySet, type PolicySource } from "./compile";
import { parsePolicyDocument } from "./parse-document";
import { visibleScopes } from "./policy-scope";

export type PolicySets = {
  key: string;
  active: CompiledPolicySet;
  /** null when no document has a version in shadow. */
  shadow: CompiledPolicySet | null;
};

type Row = { id: string; documentId: string; number: number; state: string };

const cache = new Map<string, PolicySets>();
const CACHE_LIMIT = 256;

export const versionLabel = (n: number) => `v${n}`;

export async function loadPolicySets(client: Tx, tenantId: string): Promise<PolicySets> {
  const rows: Row[] = await client.policyVersion.findMany({
    where: { scopeKey: { in: visibleScopes(tenantId) }, state: { in: ["active", "shadow"] } },
    select: { id: true, documentId: true, number: true, state: true },
  });
  // A version moving from shadow to active keeps its id: the state is part of the key.
  const key = rows.map((r) => `${r.id}:${r.state}`).sort().join(",");
  const hit = cache.get(key);
  if (hit) return hit;

  const contents = new Map(
    (await client.policyVersion.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true, content: true } }))
      .map((v) => [v.id, v.content]),
  );
  const source = (r: Row): PolicySource => {
    const parsed = parsePolicyDocument(contents.get(r.id) ?? "");
    // Versions are validated before they are stored; one that no longer parses must stop decisions
    // rather than be skipped (a skipped deny would widen the policy).
    if (!parsed.ok) throw new AppError("unavailable", `policy version ${r.id} no longer validates: ${parsed.problems[0]?.message}`);
    return { document: parsed.value, version: versionLabel(r.number) };
  };
  const active = rows.filter((r) => r.state === "active");
  const shadows = rows.filter((r) => r.state === "shadow");
  const shadowed = new Set(shadows.map((r) => r.documentId));
  const sets: PolicySets = {
    key,
    active: compilePolicySet(active.map(source)),
    shadow: shadows.length ? compilePolicySet([...active.filter((r) => !shadowed.has(r.documentId)), ...shadows].map(source)) : null,
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, sets);
  return sets;
}
