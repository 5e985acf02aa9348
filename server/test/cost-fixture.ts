// Integration-test helper: a tenant with costed work at fixed dates (March 2026, "now" the 15th at
// noon), written through recordCost so the entries, the daily rollups and the runs' totals are what
// the worker leaves; budgets of every scope with their periods; and a second tenant around it.
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { recordCost } from "../cost/record-cost";
import { campaignFleet, type Fleet } from "./campaign-fleet";
import { insertChangeset } from "./insert-changeset";

export const NOW = new Date("2026-03-15T12:00:00Z");
export const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);

export type CostFixture = {
  f: Fleet; teams: Record<string, string>; campaignId: string; runs: Record<"r1" | "r2" | "r3" | "r4" | "r5", string>;
  budgets: Record<"monthly" | "webWeekly" | "campaign" | "perRun" | "archived", string>;
};

async function price(tenantId: string, kind: string, subject: string, o: Partial<Prisma.PriceUncheckedCreateInput> = {}) {
  return (await db.price.create({
    data: { scope: tenantId, tenantId, kind, subject, version: 1, effectiveFrom: new Date("2026-01-01T00:00:00Z"), createdByLabel: "test", ...o },
  })).id;
}

async function bareRun(f: Fleet, repo: string, taskClass: string, data: Partial<Prisma.RunUncheckedCreateInput>) {
  const task = await db.task.create({ data: { tenantId: f.tenant.id, repositoryId: f.repo[repo]!, taskClass, agentKind: "model", instruction: "x", autonomy: "draft_pr", requesterLabel: "test", campaignId: data.campaignId ?? null } });
  return (await db.run.create({ data: { tenantId: f.tenant.id, taskId: task.id, repositoryId: task.repositoryId, taskClass, requesterLabel: "test", ...data } })).id;
}

type Entry = { kind: "model" | "sandbox" | "verifier"; subject: string; cost: number; day: string; tokens?: [number, number]; defaulted?: boolean; expired?: boolean; ms?: number };

export async function costFixture(label: string): Promise<CostFixture> {
  const f = await campaignFleet(label);
  const tenantId = f.tenant.id;
  const teams = Object.fromEntries((await db.team.findMany({ where: { tenantId } })).map((t) => [t.slug, t.id]));
  const campaignId = (await db.campaign.create({
    data: { tenantId, name: `migrate-${label}`, specYaml: "", spec: {}, state: "running", ownerLabel: "test", createdAt: at("2026-03-12"), launchedAt: at("2026-03-13", 8) },
  })).id;
  const prices = {
    "gpt-a": await price(tenantId, "model", "gpt-a", { inputMicros: 1_000_000n, outputMicros: 2_000_000n }),
    "*": await price(tenantId, "model", "*", { inputMicros: 3_000_000n, outputMicros: 3_000_000n }),
    sandbox_second: await price(tenantId, "resource", "sandbox_second", { unitMicros: 50_000n }),
    verifier_minute: await price(tenantId, "resource", "verifier_minute", { unitMicros: 1_000_000n }),
  };
  const record = async (runId: string, repo: string, taskClass: string, campaign: string | null, entries: Entry[]) => {
    const r = await db.repository.findUniqueOrThrow({ where: { id: f.repo[repo]! } });
    for (const e of entries) {
      const priceId = e.kind === "model" ? (e.defaulted ? prices["*"] : prices["gpt-a"]) : e.kind === "sandbox" ? prices.sandbox_second : prices.verifier_minute;
      await recordCost(db, { tenantId, runId, teamId: r.teamId, repositoryId: r.id, campaignId: campaign, taskClass }, {
        kind: e.kind, subject: e.subject, priceId, defaulted: e.defaulted ?? false, expired: e.expired ?? false, costMicros: BigInt(e.cost), at: at(e.day),
        measured: { inputTokens: e.tokens?.[0], outputTokens: e.tokens?.[1], quantityMs: e.ms },
      });
    }
  };

  // r1: payments, succeeded on the 10th, its PR merged on the 11th; its sandbox time settled at the reserved amount.
  const r1 = (await insertChangeset(f.tenant, { repositoryId: f.repo["pay-api"]!, taskClass: "docs_update", state: "merged", set: { mergedAt: at("2026-03-11"), prNumber: 1 }, run: { finishedAt: at("2026-03-10", 18) } })).run.id;
  await record(r1, "pay-api", "docs_update", null, [
    { kind: "model", subject: "gpt-a", cost: 1_000_000, day: "2026-03-10", tokens: [1000, 200] },
    { kind: "sandbox", subject: "sandbox_second", cost: 250_000, day: "2026-03-10", ms: 5000, expired: true },
    { kind: "verifier", subject: "verifier_minute", cost: 50_000, day: "2026-03-10", ms: 3000 },
  ]);
  // r2: web, stopped by the per-run budget on the 12th; one of its models has no price of its own.
  const r2 = await bareRun(f, "web-app", "refactor", {
    state: "failed", failureClass: "budget_exhausted", finishedAt: at("2026-03-12", 11),
    failureMessage: 'stopped before model request 3: the hard run budget "Per-run" has $0.00 left of $2.00 ($1.999 spent, $0.00 reserved); the next model request needs up to $0.50',
  });
  await record(r2, "web-app", "refactor", null, [
    { kind: "model", subject: "gpt-b", cost: 2_000_003, day: "2026-03-11", tokens: [500_000, 100_000], defaulted: true },
    { kind: "model", subject: "gpt-a", cost: 333_333, day: "2026-03-12", tokens: [300, 10] },
  ]);
  // r3: no team, in the campaign, succeeded on the 14th and merged the same day.
  const r3 = (await insertChangeset(f.tenant, { repositoryId: f.repo["orphan-lib"]!, taskClass: "docs_update", campaignId, state: "merged", set: { mergedAt: at("2026-03-14", 15), prNumber: 2 }, run: { finishedAt: at("2026-03-14", 12) } })).run.id;
  await record(r3, "orphan-lib", "docs_update", campaignId, [{ kind: "model", subject: "gpt-a", cost: 123_457, day: "2026-03-14", tokens: [100, 10] }]);
  // r4: February, outside March's range.
  const r4 = (await insertChangeset(f.tenant, { repositoryId: f.repo["pay-core"]!, taskClass: "docs_update", state: "merged", set: { mergedAt: at("2026-02-21"), prNumber: 3 }, run: { finishedAt: at("2026-02-20") } })).run.id;
  await record(r4, "pay-core", "docs_update", null, [{ kind: "model", subject: "gpt-a", cost: 5_000_000, day: "2026-02-20" }]);
  // r5: payments, still running, waiting for the per-run budget.
  const r5 = await bareRun(f, "pay-api", "docs_update", { state: "running" });
  await record(r5, "pay-api", "docs_update", null, [{ kind: "model", subject: "gpt-a", cost: 10_000, day: "2026-03-15" }]);

  const budget = (name: string, data: Partial<Prisma.BudgetUncheckedCreateInput>) =>
    db.budget.create({ data: { tenantId, name, scope: "tenant", mode: "hard", limitMicros: 0n, period: "month", createdByLabel: "test", ...data } });
  const monthly = await budget("Monthly", { limitMicros: 10_000_000n });
  const webWeekly = await budget("Web weekly", { scope: "team", teamId: teams.web, mode: "soft", period: "week", limitMicros: 2_000_000n });
  const camp = await budget("Campaign life", { scope: "campaign", campaignId, period: "campaign", limitMicros: 1_000_000n });
  const perRun = await budget("Per-run", { scope: "run", period: "run", limitMicros: 2_000_000n });
  const archived = await budget("Old", { limitMicros: 1n, archivedAt: at("2026-03-01") });
  const period = (budgetId: string, periodKey: string, startsAt: Date, spent: bigint, reserved = 0n, endsAt: Date | null = null) =>
    db.budgetPeriod.create({ data: { tenantId, budgetId, periodKey, startsAt, endsAt, spentMicros: spent, reservedMicros: reserved } });
  const monthPeriod = await period(monthly.id, "2026-03-01", at("2026-03-01", 0), 3_700_000n, 50_000n, at("2026-04-01", 0));
  await period(camp.id, "life", at("2026-03-13", 8), 123_457n);
  const r1Period = await period(perRun.id, r1, at("2026-03-10"), 1_300_000n);
  const r2Period = await period(perRun.id, r2, at("2026-03-11"), 1_999_000n);
  await db.costReservation.createMany({
    data: [
      { tenantId, runId: r1, kind: "model", subject: "gpt-a", amountMicros: 1_500_000n, priceId: prices["gpt-a"], state: "settled", periodIds: [monthPeriod.id, r1Period.id], expiresAt: at("2026-03-10", 11) },
      { tenantId, runId: r2, kind: "model", subject: "gpt-b", amountMicros: 2_100_000n, priceId: prices["*"], state: "settled", periodIds: [r2Period.id, monthPeriod.id], expiresAt: at("2026-03-11", 11) },
      { tenantId, runId: r5, kind: "model", subject: "gpt-a", amountMicros: 77_000n, priceId: prices["gpt-a"], state: "held", periodIds: [monthPeriod.id], expiresAt: at("2026-03-15", 13) },
    ],
  });
  await db.run.update({
    where: { id: r5 },
    // As wait-for-budget.ts writes it (amounts as decimal strings), but spentMicros as a number: read either way.
    data: {
      state: "awaiting_approval",
      budgetWait: { budgetId: perRun.id, budgetName: "Per-run", scope: "run", period: "run", periodKey: r5, limitMicros: "2000000", spentMicros: 10_000, reservedMicros: "0", neededMicros: "5000000", proposedLimitMicros: "7000000", what: "the next model request", approvalId: "apr_1" },
    },
  });
  return { f, teams, campaignId, runs: { r1, r2, r3, r4, r5 }, budgets: { monthly: monthly.id, webWeekly: webWeekly.id, campaign: camp.id, perRun: perRun.id, archived: archived.id } };
}

/** Another tenant's costed work on the same days, to show nothing of it leaks. */
export async function foreignCost(label: string): Promise<{ f: Fleet; campaignId: string; budgetId: string; runId: string }> {
  const other = await costFixture(label);
  return { f: other.f, campaignId: other.campaignId, budgetId: other.budgets.monthly, runId: other.runs.r1 };
}
