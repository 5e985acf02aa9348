// Two reads every approval step shares: the teams a voter belongs to and the database's clock.
import type { Tx } from "../db/client";

/** The slugs of the teams a person belongs to in a tenant (thresholds may name teams). */
export async function teamsOf(tx: Tx, tenantId: string, userId: string): Promise<string[]> {
  const rows = await tx.teamMember.findMany({ where: { tenantId, userId }, select: { team: { select: { slug: true } } } });
  return rows.map((r) => r.team.slug).sort();
}

/** The database's clock: expiry is judged by one clock, whichever process asks. */
export async function dbNow(tx: Tx): Promise<Date> {
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  return row!.now;
}
