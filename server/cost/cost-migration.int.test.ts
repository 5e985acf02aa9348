// The cost migration's data step on a scratch database migrated to just before it: recorded model
// calls become costed entries (each rounded up to the micro-unit, as modelCost does), with the
// run's team, repository, campaign and task class, daily rollups and run totals; each model
// endpoint's per-run token budget becomes a hard run budget of the same worth.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { createScratchDatabase, dropDatabase, MIGRATIONS_DIR } from "../test/test-database";
import { ceilDiv, modelCost } from "./money";

const COST_MIGRATION = "20261211090000_cost";
const cleanup: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const GPT4O = { inputMicros: 2_500_000n, outputMicros: 10_000_000n, cachedMicros: 1_250_000n };
const MINI = { inputMicros: 150_000n, outputMicros: 600_000n, cachedMicros: 75_000n };
const DEFAULT = { inputMicros: 3_000_000n, outputMicros: 15_000_000n, cachedMicros: 300_000n };

describe("the cost migration's data step", () => {
  it("costs recorded model calls exactly and turns the endpoint's token budget into a run budget", async () => {
    const url = await createScratchDatabase("cost_migration");
    const before = mkdtempSync(path.join(tmpdir(), "fleetgate-cost-migration-"));
    cleanup.push(async () => { rmSync(before, { recursive: true, force: true }); await dropDatabase(url); });
    for (const name of readdirSync(MIGRATIONS_DIR)) if (name < COST_MIGRATION) cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    await migrate(url, before);

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    cleanup.unshift(() => c.end());
    const q = (sql: string, values: unknown[] = []) => c.query(sql, values);
    for (const t of ["ta", "tb"]) await q(`INSERT INTO "Tenant" (id, slug, name, "updatedAt") VALUES ($1, $1, $1, now())`, [t]);
    await q(`INSERT INTO "Team" (id, "tenantId", slug, name, "updatedAt") VALUES ('team1', 'ta', 'pay', 'Pay', now())`);
    await q(`INSERT INTO "Repository" (id, "tenantId", owner, name, "teamId", "updatedAt") VALUES ('repo1', 'ta', 'acme', 'pay', 'team1', now()), ('repo2', 'tb', 'acme', 'web', NULL, now())`);
    await q(`INSERT INTO "Campaign" (id, "tenantId", name, "specYaml", spec, "ownerLabel", "updatedAt") VALUES ('camp1', 'ta', 'bump', '', '{}', 'x', now())`);
    await q(`INSERT INTO "Task" (id, "tenantId", "repositoryId", "taskClass", "agentKind", instruction, autonomy, "requesterLabel") VALUES
      ('task1', 'ta', 'repo1', 'dep_bump', 'model', 'x', 'draft_pr', 'x'), ('task2', 'tb', 'repo2', 'docs_update', 'model', 'x', 'draft_pr', 'x')`);
    await q(`INSERT INTO "Run" (id, "tenantId", "taskId", "repositoryId", "taskClass", "requesterLabel", "campaignId", "modelCalls", "inputTokens", "outputTokens", "updatedAt") VALUES
      ('run1', 'ta', 'task1', 'repo1', 'dep_bump', 'x', 'camp1', 3, 1008, 503, now()), ('run2', 'tb', 'task2', 'repo2', 'docs_update', 'x', NULL, 1, 1, 0, now())`);
    const calls = [
      { id: "mc1", tenant: "ta", run: "run1", model: "gpt-4o", in: 1_000, out: 500, at: "2026-12-01T10:00:00Z", price: GPT4O },
      { id: "mc2", tenant: "ta", run: "run1", model: "gpt-4o-mini", in: 7, out: 3, at: "2026-12-01T23:59:59.999Z", price: MINI },
      { id: "mc3", tenant: "ta", run: "run1", model: "gpt-4o", in: 1, out: 0, at: "2026-12-02T00:00:00Z", price: GPT4O },
      { id: "mc4", tenant: "tb", run: "run2", model: "acme-llm", in: 1, out: 0, at: "2026-12-02T00:00:00Z", price: DEFAULT },
    ];
    for (const m of calls) {
      await q(`INSERT INTO "ModelCall" (id, "tenantId", "runId", model, "inputTokens", "outputTokens", "latencyMs", at) VALUES ($1, $2, $3, $4, $5, $6, 40, $7)`, [m.id, m.tenant, m.run, m.model, m.in, m.out, m.at]);
    }
    await q(`INSERT INTO "ModelEndpoint" ("tenantId", "baseUrl", model, "tokenBudget", "updatedByLabel", "updatedAt") VALUES
      ('ta', 'http://127.0.0.1:1', 'gpt-4o', 200000, 'x', now()), ('tb', 'http://127.0.0.1:1', 'acme-llm', 123457, 'x', now())`);

    await migrate(url, MIGRATIONS_DIR);

    const cost = (m: (typeof calls)[number]) => modelCost(m.price, { inputTokens: m.in, outputTokens: m.out });
    expect(calls.map(cost)).toEqual([7_500n, 3n, 3n, 3n]);
    const entries = (await q(`SELECT id, "tenantId", "runId", kind, subject, "priceId", defaulted, "inputTokens", "outputTokens", "latencyMs", "costMicros", "teamId", "repositoryId", "campaignId", "taskClass", at FROM "CostEntry" ORDER BY id`)).rows;
    expect(entries).toEqual([
      { id: "mc1", tenantId: "ta", runId: "run1", kind: "model", subject: "gpt-4o", priceId: "price_platform_model_gpt4o", defaulted: false, inputTokens: 1_000, outputTokens: 500, latencyMs: 40, costMicros: "7500", teamId: "team1", repositoryId: "repo1", campaignId: "camp1", taskClass: "dep_bump", at: new Date(calls[0]!.at) },
      expect.objectContaining({ id: "mc2", priceId: "price_platform_model_gpt4omini", defaulted: false, costMicros: "3" }),
      expect.objectContaining({ id: "mc3", priceId: "price_platform_model_gpt4o", costMicros: "3" }),
      { id: "mc4", tenantId: "tb", runId: "run2", kind: "model", subject: "acme-llm", priceId: "price_platform_model_default", defaulted: true, inputTokens: 1, outputTokens: 0, latencyMs: 40, costMicros: "3", teamId: null, repositoryId: "repo2", campaignId: null, taskClass: "docs_update", at: new Date(calls[3]!.at) },
    ]);
    expect((await q(`SELECT id, "costMicros", "modelCalls" FROM "Run" ORDER BY id`)).rows).toEqual([{ id: "run1", costMicros: "7506", modelCalls: 3 }, { id: "run2", costMicros: "3", modelCalls: 1 }]);
    expect((await q(`SELECT "tenantId", day::text, "teamId", "campaignId", "repositoryId", "taskClass", subject, "costMicros", entries, "inputTokens", "outputTokens" FROM "CostDaily" ORDER BY 1, 2, subject`)).rows).toEqual([
      { tenantId: "ta", day: "2026-12-01", teamId: "team1", campaignId: "camp1", repositoryId: "repo1", taskClass: "dep_bump", subject: "gpt-4o", costMicros: "7500", entries: 1, inputTokens: "1000", outputTokens: "500" },
      { tenantId: "ta", day: "2026-12-01", teamId: "team1", campaignId: "camp1", repositoryId: "repo1", taskClass: "dep_bump", subject: "gpt-4o-mini", costMicros: "3", entries: 1, inputTokens: "7", outputTokens: "3" },
      { tenantId: "ta", day: "2026-12-02", teamId: "team1", campaignId: "camp1", repositoryId: "repo1", taskClass: "dep_bump", subject: "gpt-4o", costMicros: "3", entries: 1, inputTokens: "1", outputTokens: "0" },
      { tenantId: "tb", day: "2026-12-02", teamId: "", campaignId: "", repositoryId: "repo2", taskClass: "docs_update", subject: "acme-llm", costMicros: "3", entries: 1, inputTokens: "1", outputTokens: "0" },
    ]);

    // The token budget at the model's dearer rate, rounded up: 200,000 x $10 and 123,457 x $15 per million.
    expect([ceilDiv(200_000n * GPT4O.outputMicros, 1_000_000n), ceilDiv(123_457n * DEFAULT.outputMicros, 1_000_000n)]).toEqual([2_000_000n, 1_851_855n]);
    const budgets = (await q(`SELECT "tenantId", name, scope, mode, period, "limitMicros", thresholds, "onExhausted", "archivedAt" FROM "Budget" ORDER BY "tenantId"`)).rows;
    expect(budgets).toEqual([
      { tenantId: "ta", name: "Per-run model budget", scope: "run", mode: "hard", period: "run", limitMicros: "2000000", thresholds: [], onExhausted: "fail", archivedAt: null },
      { tenantId: "tb", name: "Per-run model budget", scope: "run", mode: "hard", period: "run", limitMicros: "1851855", thresholds: [], onExhausted: "fail", archivedAt: null },
    ]);
    expect((await q(`SELECT to_regclass('"ModelCall"') AS t, (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'ModelEndpoint' AND column_name = 'tokenBudget') AS c`)).rows).toEqual([{ t: null, c: 0 }]);
  });
});
