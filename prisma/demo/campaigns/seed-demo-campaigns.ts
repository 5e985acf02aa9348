// The demo tenant's campaigns on the GitHub twin (demo-campaigns.ts): each is created as its owner
// creates one (createCampaign: the spec validated, the plan against the fleet and the policy), then
// its changes are made on the twin (campaign-changes.ts), repositories a few at a time, and its
// history is written in one transaction (campaign-history.ts). A campaign past its draft is left
// alone, so seeding again adds nothing. When the twin already has a PR on one of a campaign's
// branches that the database does not (the twin kept from an earlier database), the campaign is left
// as a draft with a warning, as the demo PRs are (seed-demo-github.ts).
import { randomBytes } from "node:crypto";
import { loadUserActor } from "../../../server/auth/load-user-actor";
import { scopeFor, type Scope } from "../../../server/authz/scope";
import { createCampaign } from "../../../server/campaigns/create-campaign";
import { inPool } from "../../../server/core/in-pool";
import { runOperation } from "../../../server/core/op-context";
import { db } from "../../../server/db/client";
import { effectiveGovernance } from "../../../server/policy/effective-governance";
import { loadPolicySets } from "../../../server/policy/load-policy-sets";
import { snapshotVerifierProfile } from "../../../server/verifier-profiles/snapshot-verifier-profile";
import type { DemoRepository } from "../github/seed-demo-run";
import type { TwinControl } from "../github/twin-control";
import { applyRepositoryChanges, mintChangeToken, pullsOnBranches, revokeChangeToken, type ChangeDone, type ChangeJob } from "./campaign-changes";
import { writeCampaignHistory, type TargetHistory } from "./campaign-history";
import { campaignBranch, campaignTaskId, prepareChange, recipeOf, type CampaignRunContext } from "./campaign-publication";
import { holdSentence } from "../../../server/github/caps/hold-kinds";
import { DEMO_CAMPAIGNS, DROWNING_TEAM, reviewersOf, type DemoCampaign, type Outcome } from "./demo-campaigns";

const TENANT = "acme";
const OWNER = "campaign-owner@acme.test";
/** Repositories worked on the twin at once: git and the twin share the machine's few cores. */
const PARALLEL = 4;

type Planned = {
  def: DemoCampaign;
  ctx: CampaignRunContext;
  targets: { id: string; repositoryId: string; name: string; team: string | null; tier: string; waveIndex: number; indexInWave: number; outcome: Outcome }[];
};

const runQueuedAt = (def: DemoCampaign, waveIndex: number, indexInWave: number) =>
  new Date(Date.now() - def.waves[waveIndex]!.startedHoursAgo * 3_600_000 + indexInWave * 4 * 60_000);

/** The campaign as its owner created it (a draft with its plan), or null when it is past its draft already. */
async function ensureDraft(scope: Scope, def: DemoCampaign): Promise<{ id: string; name: string } | null> {
  const found = await db.campaign.findUnique({ where: { tenantId_name: { tenantId: scope.tenant.id, name: def.spec.name } }, select: { id: true, name: true, state: true } });
  if (found) return found.state === "draft" ? found : null;
  const created = await runOperation(scope, { requestId: `seed-${randomBytes(4).toString("hex")}`, ip: null }, "campaign.create", (ctx) => createCampaign(ctx, { spec: def.spec }));
  return { id: created.campaign.id, name: def.spec.name };
}

async function plan(scope: Scope, def: DemoCampaign, campaign: { id: string }, owner: CampaignRunContext["owner"]): Promise<Planned> {
  const rows = await db.campaignTarget.findMany({
    where: { campaignId: campaign.id, eligible: true },
    include: { repository: { select: { name: true, riskTier: true, verifierProfile: true, owner: true, team: { select: { slug: true } } } } },
  });
  const sorted = rows.map((r) => ({ id: r.id, repositoryId: r.repositoryId, name: r.repository.name, team: r.repository.team?.slug ?? null, tier: r.repository.riskTier, waveIndex: r.waveIndex! }))
    .sort((a, b) => a.waveIndex - b.waveIndex || a.name.localeCompare(b.name));
  const outcomes = def.outcomes(sorted);
  const perWave = new Map<number, number>();
  const targets = sorted.map((t) => {
    const indexInWave = perWave.get(t.waveIndex) ?? 0;
    perWave.set(t.waveIndex, indexInWave + 1);
    return { ...t, indexInWave, outcome: outcomes.get(t.name)! };
  });
  const profile = rows[0]?.repository;
  const snapshot = await snapshotVerifierProfile(db, scope.tenant.id, { owner: profile?.owner ?? TENANT, name: profile?.name ?? "", verifierProfile: def.spec.verifierProfile ?? profile?.verifierProfile ?? "node-test" }, "verifierProfile");
  return { def, targets, ctx: { campaignKey: def.key, campaignId: campaign.id, spec: def.spec, tenantSlug: scope.tenant.slug, owner, policy: await loadPolicySets(db, scope.tenant.id), snapshot } };
}

/**
 * `repos`: the tenant's repositories on the twin, by owner/name; `locals`: the demo projects' local
 * bare remotes (ensureDemoRemotes), by owner/name.
 */
export async function seedDemoCampaigns(twin: TwinControl, repos: ReadonlyMap<string, DemoRepository>, locals: ReadonlyMap<string, string>, campaigns: readonly DemoCampaign[] = DEMO_CAMPAIGNS): Promise<number> {
  const tenant = await db.tenant.findUnique({ where: { slug: TENANT }, select: { id: true, slug: true, name: true, status: true } });
  const user = await db.user.findUnique({ where: { email: OWNER }, select: { id: true } });
  const actor = user ? await loadUserActor(user.id) : null;
  const scope = tenant && actor ? scopeFor(actor, tenant, await loadPolicySets(db, tenant.id)) : null;
  if (!scope || actor?.kind !== "user") return 0;
  const owner = { id: actor.id, email: actor.email, name: actor.name };
  // A database seeded before the demo's guardrails allowed campaigns keeps its policy (the seed adds
  // only what is missing): its campaigns would have no eligible target.
  const sample = [...repos.values()].find((r) => r.team);
  if (sample && effectiveGovernance(scope.policy.active, { repository: sample.name, team: sample.team!.slug }).autonomyMax !== "fleet_campaign") {
    console.warn(`fleetgate: seed: the demo campaigns are left out: ${TENANT}'s policy does not allow campaigns (governance.autonomy_max below fleet_campaign); to seed the demo afresh, delete .data/github-twin and drop the database`);
    return 0;
  }

  const planned: Planned[] = [];
  for (const def of campaigns) {
    const draft = await ensureDraft(scope, def);
    if (draft) planned.push(await plan(scope, def, draft, owner));
  }
  if (!planned.length) return 0;
  const repoOf = (name: string) => {
    const r = repos.get(`${TENANT}/${name}`);
    if (!r) throw new Error(`the demo campaigns need ${TENANT}/${name} on the GitHub twin`);
    return r;
  };
  const names = [...new Set(planned.flatMap((p) => p.targets.filter((t) => t.outcome !== "pending").map((t) => t.name)))].sort();
  if (!names.length) return 0;
  const token = await mintChangeToken(repoOf(names[0]!).installationGithubId);
  try {
    return await seedOnTwin(scope, twin, planned, names, repoOf, (name) => locals.get(`${TENANT}/${name}`) ?? null, token);
  } finally {
    await revokeChangeToken(token);
  }
}

async function seedOnTwin(
  scope: Scope, twin: TwinControl, planned: Planned[], names: string[], repoOf: (name: string) => DemoRepository, localOf: (name: string) => string | null, token: string,
): Promise<number> {
  // A twin that has one of a campaign's PRs while the database has not: that campaign stays a draft.
  const stale = new Set<string>();
  await inPool(names, PARALLEL, async (name) => {
    const mine = planned.filter((p) => p.targets.some((t) => t.name === name && t.outcome !== "pending"));
    const found = await pullsOnBranches(repoOf(name), mine.map((p) => campaignBranch(p.ctx, name)), token);
    for (const p of mine) if (found.length && !stale.has(p.def.key)) {
      stale.add(p.def.key);
      console.warn(`fleetgate: seed: the demo campaign ${p.def.spec.name} is left a draft: the GitHub twin has PRs on its branches from an earlier database; to seed the demo afresh, delete .data/github-twin and drop the database`);
    }
  });
  const live = planned.filter((p) => !stale.has(p.def.key));

  const results = new Map<string, ChangeDone>();
  await inPool(names, PARALLEL, async (name) => {
    const repo = repoOf(name);
    const mine = live.flatMap((p) => p.targets.filter((t) => t.name === name && t.outcome !== "pending").map((t) => ({ p, t })));
    if (!mine.length) return;
    const jobs: ChangeJob[] = mine.map(({ p, t }) => ({
      branch: campaignBranch(p.ctx, name), outcome: t.outcome as ChangeJob["outcome"], steps: recipeOf(p.def.spec).steps,
      reviewers: reviewersOf(t.team), closedBecause: p.def.closedBecause?.[name],
      publication: (baseSha, diff) => prepareChange(p.ctx, repo, t.tier, runQueuedAt(p.def, t.waveIndex, t.indexInWave), { baseSha, diff, did: [] }).publication,
    }));
    const done = await applyRepositoryChanges(repo, twin, jobs, { token, local: localOf(name) });
    mine.forEach(({ p }, i) => results.set(`${p.def.key}:${name}`, done[i]!));
  });

  let written = 0;
  for (const p of live) {
    // Held as the publisher would hold them: the team's live agent PRs (those this history writes, and
    // any the demo opened before) against the campaign's open-PR cap.
    const inReview = p.targets.filter((t) => t.team === DROWNING_TEAM && t.outcome === "in_review").length;
    const openBefore = await db.changeset.count({ where: { tenantId: scope.tenant.id, prNumber: { not: null }, state: { notIn: ["merged", "closed"] }, repository: { team: { slug: DROWNING_TEAM } } } });
    const cap = p.def.spec.caps?.openPerTeam ?? inReview + openBefore;
    const history: TargetHistory[] = p.targets.map((t) => {
      const done = results.get(`${p.def.key}:${t.name}`);
      const base = { targetId: t.id, repositoryId: t.repositoryId, waveIndex: t.waveIndex, outcome: t.outcome, taskId: campaignTaskId(p.def.key, t.name) };
      if (!done) return base;
      const prepared = prepareChange(p.ctx, repoOf(t.name), t.tier, runQueuedAt(p.def, t.waveIndex, t.indexInWave), done);
      const hold = t.outcome === "held" ? { kind: "team_open" as const, reason: holdSentence({ kind: "team_open", team: t.team ?? "(none)", count: inReview + openBefore, cap }), at: new Date() } : null;
      return { ...base, change: { prepared, done, hold, spread: (t.indexInWave % 5) * 2 } };
    });
    await writeCampaignHistory(scope, p.def, { id: p.ctx.campaignId, name: p.def.spec.name }, history);
    written += 1 + history.length;
  }
  return written;
}
