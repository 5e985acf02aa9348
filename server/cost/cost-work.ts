// What a cost is recorded against: the tenant, and the run's team, repository, campaign and task
// class when it belongs to a run (copied onto each entry so the dashboards group without joins).
import type { Tx } from "../db/client";

export type CostWork = {
  tenantId: string;
  runId: string | null;
  teamId: string | null;
  repositoryId: string | null;
  campaignId: string | null;
  taskClass: string | null;
};

export async function costWorkOfRun(tx: Tx, runId: string): Promise<CostWork | null> {
  const rows = await tx.$queryRaw<CostWork[]>`
    SELECT r."tenantId", r.id AS "runId", rp."teamId", r."repositoryId", r."campaignId", r."taskClass"
    FROM "Run" r LEFT JOIN "Repository" rp ON rp.id = r."repositoryId" WHERE r.id = ${runId}`;
  return rows[0] ?? null;
}
