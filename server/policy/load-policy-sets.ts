// The effective policy of a tenant: every active platform and tenant version, compiled once and
// cached by the exact set of versions, so a publish anywhere changes the key and is seen at once.
// The shadow set is the same with each document's shadow version in place of its active one.
import type { Tx } from "../db/client";
import { AppError } from "../core/app-error";
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
const parsed = new Map<string, PolicySource>();
const PARSED_LIMIT = 10_000;

export const versionLabel = (n: number) => `v${n}`;

/** A version whose content was just parsed elsewhere (an activation's last check) need not be parsed again. */
export function rememberParsedVersion(id: string, source: PolicySource): void {
  if (parsed.has(id)) return;
  if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(id, source);
}

export async function loadPolicySets(client: Tx, tenantId: string): Promise<PolicySets> {
  // Raw SQL: this runs on every request and every activation, and the query builder's planning
  // cost more than the index scan itself.
  const rows = await client.$queryRaw<Row[]>`
    SELECT id, "documentId", number, state::text AS state FROM "PolicyVersion"
    WHERE "scopeKey" = ANY(${visibleScopes(tenantId)}::text[]) AND state IN ('active', 'shadow')`;
  // A version moving from shadow to active keeps its id: the state is part of the key.
  const key = rows.map((r) => `${r.id}:${r.state}`).sort().join(",");
  const hit = cache.get(key);
  if (hit) return hit;

  // Versions never change, so each is parsed once per process, whatever set it later appears in.
  const missing = rows.filter((r) => !parsed.has(r.id)).map((r) => r.id);
  if (missing.length) {
    for (const v of await client.policyVersion.findMany({ where: { id: { in: missing } }, select: { id: true, number: true, content: true } })) {
      const p = parsePolicyDocument(v.content);
      // Versions are validated before they are stored; one that no longer parses must stop decisions
      // rather than be skipped (a skipped deny would widen the policy).
      if (!p.ok) throw new AppError("unavailable", `policy version ${v.id} no longer validates: ${p.problems[0]?.message}`);
      rememberParsedVersion(v.id, { document: p.value, version: versionLabel(v.number) });
    }
  }
  const source = (r: Row): PolicySource => parsed.get(r.id)!;
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
