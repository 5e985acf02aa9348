// Which repositories name each profile: how many, and the first few by name.
import type { Tx } from "../db/client";
import { REPOSITORIES_SHOWN, type UsedBy } from "./verifier-profile-view";

export async function profileUsage(tx: Tx, tenantId: string, names: string[]): Promise<Map<string, UsedBy>> {
  const out = new Map<string, UsedBy>(names.map((n) => [n, { total: 0, repositories: [] }]));
  if (!names.length) return out;
  const rows = await tx.$queryRaw<{ id: string; owner: string; name: string; profile: string; total: number }[]>`
    SELECT id, owner, name, profile, total::int AS total FROM (
      SELECT id, owner, name, "verifierProfile" AS profile,
             row_number() OVER (PARTITION BY "verifierProfile" ORDER BY owner, name, id) AS n,
             count(*) OVER (PARTITION BY "verifierProfile") AS total
      FROM "Repository" WHERE "tenantId" = ${tenantId} AND "verifierProfile" = ANY(${names}::text[])
    ) ranked WHERE n <= ${REPOSITORIES_SHOWN} ORDER BY owner, name, id`;
  for (const r of rows) {
    const u = out.get(r.profile)!;
    u.total = r.total;
    u.repositories.push({ id: r.id, fullName: `${r.owner}/${r.name}` });
  }
  return out;
}
