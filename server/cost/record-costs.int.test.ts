// recordCosts (the demo seed's batch) writes exactly what recordCost writes one entry at a time:
// the same entries, the same daily rollups (entries on one day and key add up; a day's boundary is
// UTC), the same run totals (expired model calls cost but are not counted as calls).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestTenant, removeTestTenant } from "../test/create-tenant";
import type { CostWork } from "./cost-work";
import { costOf, recordCost } from "./record-cost";
import { recordCosts, type CostRecord } from "./record-costs";

const GPT4O = { id: "price_platform_model_gpt4o", subject: "gpt-4o", inputMicros: 2_500_000n, outputMicros: 10_000_000n, cachedMicros: 1_250_000n, unitMicros: 0n };
const DEFAULT = { id: "price_platform_model_default", subject: "*", inputMicros: 3_000_000n, outputMicros: 15_000_000n, cachedMicros: 300_000n, unitMicros: 0n };
const SANDBOX = { id: "price_platform_resource_sandbox", subject: "sandbox_second", inputMicros: 0n, outputMicros: 0n, cachedMicros: 0n, unitMicros: 30n };
const VERIFIER = { id: "price_platform_resource_verifier", subject: "verifier_minute", inputMicros: 0n, outputMicros: 0n, cachedMicros: 0n, unitMicros: 2_000n };

type Side = { tenantId: string; runIds: [string, string] };
const sides: Side[] = [];

async function side(label: string): Promise<Side> {
  const tenant = await createTestTenant(label);
  const repo = await db.repository.create({ data: { tenantId: tenant.id, owner: "o", name: `r-${label}` } });
  const runs: string[] = [];
  for (const n of [1, 2]) {
    const task = await db.task.create({ data: { tenantId: tenant.id, repositoryId: repo.id, taskClass: "refactor", agentKind: "model", instruction: `t${n}`, autonomy: "analysis_only", requesterLabel: "t@example.test" } });
    runs.push((await db.run.create({ data: { tenantId: tenant.id, taskId: task.id, repositoryId: repo.id, taskClass: "refactor", requesterLabel: "t@example.test", state: "succeeded" } })).id);
  }
  return { tenantId: tenant.id, runIds: [runs[0]!, runs[1]!] };
}

/** The same costs for either side: two runs and work without a run, across a UTC midnight. */
function records(s: Side): CostRecord[] {
  const work = (run: 0 | 1 | null, o: Partial<CostWork> = {}): CostWork => ({
    tenantId: s.tenantId, runId: run === null ? null : s.runIds[run], teamId: "team-a", repositoryId: "repo-a", campaignId: null, taskClass: "refactor", ...o,
  });
  const model = (price: typeof GPT4O, m: { inputTokens: number; outputTokens: number; cachedTokens?: number; latencyMs?: number }, at: string, o: { expired?: boolean; reservationId?: string } = {}) =>
    ({ kind: "model" as const, subject: price === DEFAULT ? "llama-3.3-70b" : price.subject, priceId: price.id, defaulted: price === DEFAULT, measured: m, costMicros: costOf("model", price, m), at: new Date(at), ...o });
  const resource = (kind: "sandbox" | "verifier", quantityMs: number, at: string) => {
    const price = kind === "sandbox" ? SANDBOX : VERIFIER;
    return { kind, subject: price.subject, priceId: price.id, defaulted: false, measured: { quantityMs }, costMicros: costOf(kind, price, { quantityMs }), at: new Date(at) };
  };
  return [
    { work: work(0), entry: model(GPT4O, { inputTokens: 12_345, outputTokens: 678, cachedTokens: 4_000, latencyMs: 2_345.6 }, "2026-03-01T23:59:58.500Z") },
    { work: work(0), entry: model(GPT4O, { inputTokens: 20_001, outputTokens: 1_001 }, "2026-03-01T23:59:59.999Z") },
    { work: work(0), entry: model(GPT4O, { inputTokens: 1, outputTokens: 1 }, "2026-03-02T00:00:00.000Z", { expired: true }) },
    { work: work(0), entry: resource("sandbox", 4_321.2, "2026-03-02T00:00:01Z") },
    { work: work(0), entry: resource("verifier", 900, "2026-03-02T00:00:05Z") },
    { work: work(1, { teamId: null, campaignId: "camp-1", taskClass: "config_migration" }), entry: model(DEFAULT, { inputTokens: 7_000, outputTokens: 300 }, "2026-03-02T10:00:00Z") },
    { work: work(1, { teamId: null, campaignId: "camp-1", taskClass: "config_migration" }), entry: model(DEFAULT, { inputTokens: 9_000, outputTokens: 450 }, "2026-03-02T10:01:00Z") },
    { work: work(1, { teamId: null, campaignId: "camp-1", taskClass: "config_migration" }), entry: resource("sandbox", 61_000, "2026-03-02T10:02:00Z") },
    { work: work(null, { repositoryId: null, taskClass: null }), entry: resource("sandbox", 1, "2026-03-02T11:00:00Z") },
  ];
}

/** What each side holds, with its own tenant and run ids replaced, so the two compare. */
async function holdings(s: Side) {
  const name = (id: string | null) => (id === null ? null : id === s.runIds[0] ? "run-0" : id === s.runIds[1] ? "run-1" : id);
  const entries = await db.costEntry.findMany({ where: { tenantId: s.tenantId }, orderBy: [{ at: "asc" }, { costMicros: "asc" }] });
  const daily = await db.costDaily.findMany({ where: { tenantId: s.tenantId }, orderBy: [{ day: "asc" }, { kind: "asc" }, { subject: "asc" }, { teamId: "asc" }, { campaignId: "asc" }, { repositoryId: "asc" }, { taskClass: "asc" }] });
  const runs = await db.run.findMany({ where: { id: { in: s.runIds } }, select: { id: true, costMicros: true, modelCalls: true, inputTokens: true, outputTokens: true }, orderBy: { id: "asc" } });
  return {
    entries: entries.map(({ id: _id, tenantId: _t, runId, ...e }) => ({ ...e, runId: name(runId) })),
    daily: daily.map(({ tenantId: _t, ...d }) => d),
    runs: runs.map((r) => ({ ...r, id: name(r.id) })).sort((a, b) => a.id!.localeCompare(b.id!)),
  };
}

beforeAll(async () => {
  sides.push(await side("cost-one"), await side("cost-batch"));
});

afterAll(async () => {
  for (const s of sides) {
    await db.costEntry.deleteMany({ where: { tenantId: s.tenantId } });
    await removeTestTenant(s.tenantId);
  }
  await db.costDaily.deleteMany({ where: { tenantId: { in: sides.map((s) => s.tenantId) } } });
});

describe("recordCosts", () => {
  it("writes the entries, daily rollups and run totals that recordCost writes one by one", async () => {
    const [one, batch] = sides as [Side, Side];
    await db.$transaction(async (tx) => {
      for (const r of records(one)) await recordCost(tx, r.work, r.entry);
    });
    // In two calls, so a batch also adds onto rollups and run totals that are already there.
    const all = records(batch);
    await db.$transaction(async (tx) => {
      await recordCosts(tx, all.slice(0, 2));
      await recordCosts(tx, all.slice(2));
    });
    const a = await holdings(one);
    const b = await holdings(batch);
    expect(a.entries).toHaveLength(9);
    expect(a.daily.length).toBeGreaterThan(3);
    expect(a.runs.map((r) => r.modelCalls)).toEqual([2, 2]);
    expect(b).toEqual(a);
  });

  it("does nothing for no records", async () => {
    await db.$transaction((tx) => recordCosts(tx, []));
  });
});
