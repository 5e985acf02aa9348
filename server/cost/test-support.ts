// Shared by the cost engine's integration tests and its bench figures: a tenant of its own with a
// team, a repository of that team, a campaign, a model price of the tenant's, and runs to cost.
import { randomBytes } from "node:crypto";
import { db, type Tx } from "../db/client";
import { createTestTenant } from "../test/create-tenant";
import type { CostWork } from "./cost-work";
import type { BudgetPeriodKind, BudgetScope } from "./budget-schema";

/** The tenant's own price for MODEL: 1 micro-unit a fresh input token, 2 an output token, 0.5 a cached one. */
export const MODEL = "cost-test-model";
export const PRICE = { inputMicros: 1_000_000n, outputMicros: 2_000_000n, cachedMicros: 500_000n };

export type CostFixture = Awaited<ReturnType<typeof costFixture>>;

export async function costFixture(label: string) {
  const tenant = await createTestTenant(label);
  const tenantId = tenant.id;
  const team = await db.team.create({ data: { tenantId, slug: "payments", name: "Payments" } });
  const otherTeam = await db.team.create({ data: { tenantId, slug: "search", name: "Search" } });
  const repo = await db.repository.create({ data: { tenantId, owner: "acme", name: `pay-${randomBytes(3).toString("hex")}`, teamId: team.id } });
  const otherRepo = await db.repository.create({ data: { tenantId, owner: "acme", name: `search-${randomBytes(3).toString("hex")}`, teamId: otherTeam.id } });
  const campaign = await db.campaign.create({ data: { tenantId, name: `bump-${randomBytes(3).toString("hex")}`, specYaml: "", spec: {}, ownerLabel: "test" } });
  const price = await db.price.create({
    data: { scope: tenantId, tenantId, kind: "model", subject: MODEL, version: 1, ...PRICE, effectiveFrom: new Date("2020-01-01T00:00:00Z"), createdByLabel: "test" },
  });

  /** A run of the team's repository (or the other team's), in the campaign if asked. */
  async function run(o: { campaign?: boolean; other?: boolean } = {}): Promise<{ runId: string; work: CostWork }> {
    const repositoryId = o.other ? otherRepo.id : repo.id;
    const campaignId = o.campaign ? campaign.id : null;
    const task = await db.task.create({ data: { tenantId, repositoryId, taskClass: "docs_update", agentKind: "model", instruction: "test", autonomy: "draft_pr", requesterLabel: "test", campaignId } });
    const r = await db.run.create({ data: { tenantId, taskId: task.id, repositoryId, taskClass: "docs_update", requesterLabel: "test", campaignId } });
    return { runId: r.id, work: (await costWorkOfRun(db, r.id))! };
  }

  async function budget(b: { scope: BudgetScope; mode: "soft" | "hard"; limitMicros: bigint; period: BudgetPeriodKind; thresholds?: number[]; teamId?: string; campaignId?: string; name?: string }) {
    return db.budget.create({
      data: {
        tenantId, name: b.name ?? `${b.scope}-${b.mode}-${b.period}-${randomBytes(3).toString("hex")}`, scope: b.scope, mode: b.mode, limitMicros: b.limitMicros,
        period: b.period, thresholds: b.thresholds ?? [50, 80, 100], teamId: b.teamId ?? null, campaignId: b.campaignId ?? null, createdByLabel: "test",
      },
    });
  }

  /** Work that belongs to no run: the tenant's own. */
  const tenantWork: CostWork = { tenantId, runId: null, teamId: null, repositoryId: null, campaignId: null, taskClass: null };

  /** A reservation item for MODEL under the tenant's price. */
  const item = (amountMicros: bigint, ttlMs = 60_000) => ({ kind: "model" as const, subject: MODEL, amountMicros, priceId: price.id, defaulted: false, ttlMs });

  return { tenant, tenantId, team, otherTeam, repo, otherRepo, campaign, price, run, budget, tenantWork, item };
}

/** Every period of a budget, oldest first, with its amounts as bigint. */
export function periodsOf(budgetId: string) {
  return db.budgetPeriod.findMany({ where: { budgetId }, orderBy: { startsAt: "asc" } });
}

/** A run's cost dimensions, as reserving and settling look them up. */
export async function costWorkOfRun(tx: Tx, runId: string): Promise<CostWork | null> {
  const rows = await tx.$queryRaw<CostWork[]>`SELECT * FROM fleetgate_cost_work_of_run(${runId}::text)`;
  return rows[0] ?? null;
}
