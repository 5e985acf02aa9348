// The demo tenants' cost history, so the cost page tells a story on first open: four weeks of
// model-agent runs (demo-cost-plan.ts) and the costs of the recipe runs the demo wrote before (its
// pull requests and campaigns), each cost priced with the version in force when it was recorded and
// written as recordCost writes it (entry, daily rollup, run total; server/cost/record-costs.ts).
// acme also has its own gpt-4o price in two versions, and budgets: a soft monthly tenant budget past
// its 50 % alert, a hard weekly budget for the payments team with room, a budget on its running
// campaign, and the hard "Per-run model budget", which stopped one refactor this morning
// (failed / budget_exhausted, naming the budget as a refused hold does). One transaction per tenant;
// a tenant that has its first history run already is left alone, so seeding again adds nothing.
import { appendAuditEvents, type AuditInput } from "../../../server/audit/append-event";
import { db, type Tx } from "../../../server/db/client";
import type { CostWork } from "../../../server/cost/cost-work";
import { refusalMessage } from "../../../server/cost/hold-cost";
import { worstCaseModelCost } from "../../../server/cost/money";
import { recordCosts, type CostRecord } from "../../../server/cost/record-costs";
import { DEMO_CAMPAIGNS } from "../campaigns/demo-campaigns";
import { DEMO_PULL_REQUESTS } from "../github/demo-pull-requests";
import { demoId } from "../github/seed-demo-run";
import { ACME_PRICES, ensureTenantPrices, roundLimit, settleDemoBudgets } from "./demo-budgets";
import { DEMO_COST_STORIES, HISTORY_DAYS, planHistory, runawayTurns, type CostPlace, type TenantStory } from "./demo-cost-plan";
import { costRecord, demoPricer, recipeRunCosts, type DemoPricer } from "./demo-costs";
import { historyRunId, historyTaskId, writeHistoryRuns, type HistoryRun } from "./history-runs";

const DAY_MS = 86_400_000;
const SEED = "seed";
const ADMIN = "tenant-admin@acme.test";
/** The model endpoint's default max_tokens: what a request's worst case assumes for its output. */
const MAX_OUTPUT_TOKENS = 4_096;
/** The model endpoint's default turn limit: the stopped run must meet its budget before it. */
const MAX_TURNS = 40;

export const DEMO_BUDGETS = {
  month: "Monthly agent spend",
  team: "Payments weekly",
  campaign: "timeout-ms-config-key rollout",
  run: "Per-run model budget",
} as const;
/** The run the per-run budget stopped: acme/platform-api, three hours before the seed. */
export const STOPPED_RUN_KEY = "acme:stopped";
const RUNNING_CAMPAIGN = "timeout-ms-config-key";

const utcMidnight = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

/** Seeds each tenant's cost history that is missing; answers how many runs, prices and budgets it added. */
export async function seedDemoCost(tenants: readonly string[], now = new Date()): Promise<number> {
  let created = 0;
  for (const slug of tenants) {
    const story = DEMO_COST_STORIES[slug];
    const tenant = story ? await db.tenant.findUnique({ where: { slug }, select: { id: true, slug: true } }) : null;
    if (!story || !tenant) continue;
    if (await db.task.findUnique({ where: { id: historyTaskId(`${slug}:0`) }, select: { id: true } })) continue;
    created += await db.$transaction((tx) => seedTenantCost(tx, tenant, story, now), { timeout: 120_000, maxWait: 30_000 });
  }
  return created;
}

type Ctx = { tx: Tx; tenant: { id: string; slug: string }; now: Date; historyStart: Date; pricer: DemoPricer; audit: AuditInput[] };

async function seedTenantCost(tx: Tx, tenant: { id: string; slug: string }, story: TenantStory, now: Date): Promise<number> {
  const repos = await tx.repository.findMany({ where: { tenantId: tenant.id, teamId: { not: null } }, select: { id: true, owner: true, name: true, teamId: true, team: { select: { slug: true } } }, orderBy: { name: "asc" } });
  const places: CostPlace[] = repos.map((r) => ({ repositoryId: r.id, owner: r.owner, name: r.name, teamId: r.teamId, team: r.team?.slug ?? null }));
  const planned = planHistory(story, places, now);
  if (!planned.length) return 0;
  const historyStart = new Date(utcMidnight(now).getTime() - (HISTORY_DAYS - 1) * DAY_MS);
  const acme = tenant.slug === "acme";
  const audit: AuditInput[] = [];
  const auditSeed = (action: string, resourceType: string, resourceId: string, after: Record<string, unknown>) =>
    audit.push({ tenantId: tenant.id, actorType: "system", actorLabel: SEED, action, resourceType, resourceId, after });

  // Prices first: every cost below is priced with the version in force when it was recorded.
  const prices = acme ? await ensureTenantPrices(tx, tenant.id, ACME_PRICES, now, ADMIN) : [];
  for (const p of prices) auditSeed("price.version.add", "price", p.id, { kind: p.kind, subject: p.subject, version: p.version, effectiveFrom: p.effectiveFrom.toISOString(), demo: true });
  const ctx: Ctx = { tx, tenant, now, historyStart, pricer: await demoPricer(tx, tenant.id), audit };
  const runBudget = acme ? await ensureBudget(ctx, DEMO_BUDGETS.run, { scope: "run", mode: "hard", period: "run", limitMicros: 5_000_000n, createdAt: historyStart, thresholds: [] }) : null;

  const users = new Map((await tx.user.findMany({ where: { email: { in: story.requesters } }, select: { id: true, email: true } })).map((u) => [u.email, u.id]));
  const runs: HistoryRun[] = planned.map((p) => ({
    key: p.key, place: p.place, taskClass: p.taskClass, autonomy: "analysis_only", instruction: p.instruction, summary: p.summary,
    requester: { id: users.get(p.requester) ?? null, email: p.requester }, queuedAt: p.queuedAt, startedAt: p.startedAt, finishedAt: p.finishedAt,
    failure: p.failure ? { failureClass: "agent_error", message: p.failure } : null, toolCalls: p.calls.length - 1 + p.commands.length,
  }));
  const records: CostRecord[] = [];
  for (const p of planned) {
    const work: CostWork = { tenantId: tenant.id, runId: historyRunId(p.key), teamId: p.place.teamId, repositoryId: p.place.repositoryId, campaignId: null, taskClass: p.taskClass };
    for (const c of p.calls) records.push(await costRecord(ctx.pricer, work, "model", p.model, { inputTokens: c.inputTokens, outputTokens: c.outputTokens, cachedTokens: c.cachedTokens, latencyMs: c.latencyMs }, c.at));
    for (const c of p.commands) records.push(await costRecord(ctx.pricer, work, "sandbox", null, { quantityMs: c.quantityMs }, c.at));
  }
  const stopped = runBudget ? await stoppedRun(ctx, runBudget, places, users) : null;
  if (stopped) {
    runs.push(stopped.run);
    records.push(...stopped.records);
  }
  await writeHistoryRuns(tx, tenant.id, runs);
  for (const r of runs) {
    auditSeed("task.create", "run", historyRunId(r.key), {
      task: historyTaskId(r.key), repository: `${r.place.owner}/${r.place.name}`, taskClass: r.taskClass, agent: "model", autonomy: r.autonomy, demo: true,
    });
  }
  // The runs the demo wrote before (its pull requests' and campaigns' recipe runs) cost their sandbox and verifier time.
  const campaigns = await tx.campaign.findMany({ where: { tenantId: tenant.id, name: { in: DEMO_CAMPAIGNS.map((c) => c.spec.name) } }, select: { id: true, name: true, createdAt: true } });
  const prRuns = DEMO_PULL_REQUESTS.filter((p) => p.tenant === tenant.slug).map((p) => demoId("run", p.key));
  records.push(...(await recipeRunCosts(tx, ctx.pricer, tenant.id, prRuns, campaigns.map((c) => c.id))));
  await recordCosts(tx, records);

  const budgets = runBudget ? [runBudget.id, ...(await sizedBudgets(ctx, campaigns.find((c) => c.name === RUNNING_CAMPAIGN) ?? null))] : [];
  if (budgets.length) await settleDemoBudgets(tx, tenant.id, budgets);
  await appendAuditEvents(tx, audit);
  return runs.length + prices.length + audit.filter((a) => a.action === "budget.create").length;
}

type BudgetFields = { scope: "tenant" | "team" | "campaign" | "run"; mode: "soft" | "hard"; period: "week" | "month" | "campaign" | "run"; limitMicros: bigint; createdAt: Date; teamId?: string; campaignId?: string; thresholds?: number[] };

/** The tenant's budget of that name, created (as its admin would, at `createdAt`) when it has none. */
async function ensureBudget(ctx: Ctx, name: string, f: BudgetFields) {
  const found = await ctx.tx.budget.findUnique({ where: { tenantId_name: { tenantId: ctx.tenant.id, name } } });
  if (found) return found;
  const budget = await ctx.tx.budget.create({
    data: {
      tenantId: ctx.tenant.id, name, scope: f.scope, teamId: f.teamId ?? null, campaignId: f.campaignId ?? null, mode: f.mode, limitMicros: f.limitMicros, period: f.period,
      thresholds: f.thresholds ?? [50, 80, 100], onExhausted: "fail", createdByLabel: ADMIN, createdAt: f.createdAt, updatedAt: f.createdAt,
    },
  });
  ctx.audit.push({
    tenantId: ctx.tenant.id, actorType: "system", actorLabel: SEED, action: "budget.create", resourceType: "budget", resourceId: budget.id,
    after: { name, scope: f.scope, mode: f.mode, period: f.period, limitMicros: Number(f.limitMicros), thresholds: budget.thresholds, demo: true },
  });
  return budget;
}

/**
 * The budgets sized from the spend they cover: the month's soft budget so that this month's spend is
 * past its 50 % alert and short of 80 %; the payments team's hard weekly budget above its busiest
 * week; the running campaign's well above its spend so far.
 */
async function sizedBudgets(ctx: Ctx, campaign: { id: string; createdAt: Date } | null): Promise<string[]> {
  const { tx, tenant, now, historyStart } = ctx;
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const sum = async (where: { at?: Date; teamId?: string; campaignId?: string }) => (await tx.$queryRaw<{ s: bigint }[]>`
    SELECT coalesce(sum("costMicros"), 0)::bigint AS s FROM "CostEntry" WHERE "tenantId" = ${tenant.id} AND at >= ${where.at ?? new Date(0)}
      AND (${where.teamId ?? null}::text IS NULL OR "teamId" = ${where.teamId ?? null}::text) AND (${where.campaignId ?? null}::text IS NULL OR "campaignId" = ${where.campaignId ?? null}::text)`)[0]!.s;
  const ids: string[] = [];
  const month = await sum({ at: monthStart });
  ids.push((await ensureBudget(ctx, DEMO_BUDGETS.month, { scope: "tenant", mode: "soft", period: "month", limitMicros: roundLimit((month * 100n) / 62n, false), createdAt: monthStart })).id);
  const payments = await tx.team.findUnique({ where: { tenantId_slug: { tenantId: tenant.id, slug: "payments" } }, select: { id: true } });
  if (payments) {
    const [busiest] = await tx.$queryRaw<{ s: bigint | null }[]>`
      SELECT max(s)::bigint AS s FROM (SELECT sum("costMicros") AS s FROM "CostEntry" WHERE "tenantId" = ${tenant.id} AND "teamId" = ${payments.id} AND at >= ${historyStart}
        GROUP BY date_trunc('week', at AT TIME ZONE 'UTC')) w`;
    const limitMicros = roundLimit(((busiest?.s ?? 0n) * 100n) / 65n, true);
    ids.push((await ensureBudget(ctx, DEMO_BUDGETS.team, { scope: "team", teamId: payments.id, mode: "hard", period: "week", limitMicros, createdAt: historyStart, thresholds: [80, 100] })).id);
  }
  if (campaign) {
    const spent = await sum({ campaignId: campaign.id });
    const limitMicros = [1_000_000n, roundLimit((spent * 10n) / 3n, true)].reduce((a, b) => (a > b ? a : b));
    ids.push((await ensureBudget(ctx, DEMO_BUDGETS.campaign, { scope: "campaign", campaignId: campaign.id, mode: "soft", period: "campaign", limitMicros, createdAt: campaign.createdAt })).id);
  }
  return ids;
}

/**
 * A refactor whose every turn reads more of acme/platform-api: each model request is held against
 * the per-run budget before it is sent (its worst case under the price in force), and the first one
 * the budget has no room for ends the run as the worker ends it, with refusalMessage's words.
 */
async function stoppedRun(ctx: Ctx, budget: { id: string; name: string; limitMicros: bigint; onExhausted: string }, places: CostPlace[], users: Map<string, string>) {
  const place = places.find((p) => p.name === "platform-api") ?? places.find((p) => p.team === "platform") ?? places[0]!;
  const model = "gpt-4o";
  const queuedAt = new Date(ctx.now.getTime() - 3 * 3_600_000);
  const startedAt = new Date(queuedAt.getTime() + 6_000);
  const runId = historyRunId(STOPPED_RUN_KEY);
  const work: CostWork = { tenantId: ctx.tenant.id, runId, teamId: place.teamId, repositoryId: place.repositoryId, campaignId: null, taskClass: "refactor" };
  const records: CostRecord[] = [];
  let spent = 0n;
  let refusal: { turn: number; needed: bigint; at: Date } | null = null;
  let turn = 0;
  for (const t of runawayTurns(16_018, startedAt)) {
    turn++;
    const { price } = await ctx.pricer("model", model, t.call.at);
    const needed = worstCaseModelCost(price, t.requestBytes, MAX_OUTPUT_TOKENS);
    const askedAt = new Date(t.call.at.getTime() - t.call.latencyMs);
    if (spent + needed > budget.limitMicros || turn > MAX_TURNS) {
      refusal = { turn, needed, at: askedAt };
      break;
    }
    const call = await costRecord(ctx.pricer, work, "model", model, { inputTokens: t.call.inputTokens, outputTokens: t.call.outputTokens, cachedTokens: t.call.cachedTokens, latencyMs: t.call.latencyMs }, t.call.at);
    const command = await costRecord(ctx.pricer, work, "sandbox", null, { quantityMs: t.command!.quantityMs }, t.command!.at);
    records.push(call, command);
    spent += call.entry.costMicros + command.entry.costMicros;
  }
  const r = refusal!;
  const message = `stopped before model request ${r.turn}: ${refusalMessage({
    budgetId: budget.id, budgetName: budget.name, scope: "run", period: "run", periodKey: runId,
    limitMicros: budget.limitMicros, spentMicros: spent, reservedMicros: 0n, neededMicros: r.needed, onExhausted: budget.onExhausted,
  }, "the next model request")}`;
  const requester = "operator@acme.test";
  const run: HistoryRun = {
    key: STOPPED_RUN_KEY, place, taskClass: "refactor", autonomy: "dry_run_patch",
    instruction: `Split ${place.owner}/${place.name}'s request handlers into one module per resource, keeping every route's behaviour`,
    summary: "", requester: { id: users.get(requester) ?? null, email: requester }, queuedAt, startedAt, finishedAt: new Date(r.at.getTime() + 40),
    failure: { failureClass: "budget_exhausted", message }, toolCalls: records.length,
  };
  return { run, records };
}
