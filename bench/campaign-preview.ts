// Figure (q): a campaign preview over 1,000 targets (issue 15: < 3 s): 1,000 repositories across 20
// teams and every risk tier, each target decided by the policy, canaries ranked, waves filled and
// the load per team estimated, as the API's preview does it.
// Baseline: reading the same fleet alone (the preview's queries: repositories, team members and
// recent verifier failures), so the ratio shows what deciding and planning add.
import { performance } from "node:perf_hooks";
import { loadUserActor } from "../server/auth/load-user-actor";
import { scopeFor } from "../server/authz/scope";
import { matchTargets } from "../server/campaigns/match-targets";
import { previewCampaign } from "../server/campaigns/preview-campaign";
import { readContext } from "../server/core/read-context";
import { db } from "../server/db/client";
import { loadPolicySets } from "../server/policy/load-policy-sets";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const TIERS = ["low", "standard", "standard", "high", "low", "regulated", "standard", "critical", "low", "standard"] as const;
const RUNS = 10;

export async function benchCampaignPreview(targets = 1_000): Promise<void> {
  heading(`(q) campaign preview over ${fmt(targets)} targets (20 teams, every risk tier), ${RUNS} runs`);
  const tenant = await db.tenant.create({ data: { slug: "bench-campaigns", name: "Bench campaigns" } });
  const user = await db.user.create({ data: { email: "owner@bench-campaigns.test", name: "Owner" } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, roles: ["campaign_owner"] } });
  const teams = await Promise.all(Array.from({ length: 20 }, (_, i) => db.team.create({ data: { tenantId: tenant.id, slug: `team-${i}`, name: `Team ${i}` } })));
  await db.teamMember.createMany({ data: teams.filter((_, i) => i % 3 !== 0).map((t) => ({ tenantId: tenant.id, teamId: t.id, userId: user.id })) });
  await db.repository.createMany({
    data: Array.from({ length: targets }, (_, i) => ({
      tenantId: tenant.id, owner: "bench", name: `service-${i}`, riskTier: TIERS[i % TIERS.length]!, teamId: teams[i % teams.length]!.id, verifierProfile: i % 4 ? "node-test" : "none",
    })),
  });
  const scope = scopeFor((await loadUserActor(user.id))!, tenant, await loadPolicySets(db, tenant.id))!;
  const ctx = readContext(scope);
  const spec = {
    name: "bench", description: "", change: { taskClass: "docs_update" as const, instruction: "bench", agent: { kind: "recipe" as const, recipe: "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: b }\nsteps:\n  - write: { path: B.md, content: x }\n" } },
    targets: { teams: teams.map((t) => t.slug) }, autonomy: "draft_pr" as const, waves: { canary: 10, sizes: [50, "25%", "50%", "100%"] as (number | string)[] },
    schedule: { timezone: "Europe/Berlin", windows: [{ days: ["mon", "tue", "wed", "thu", "fri"] as ("mon" | "tue" | "wed" | "thu" | "fri")[], start: "09:00", end: "17:00" }] },
  };
  const preview: number[] = [];
  const read: number[] = [];
  let eligible = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    let t = performance.now();
    const p = await previewCampaign(ctx, { spec: spec as never });
    if (i > 0) preview.push(performance.now() - t); // the first run warms the policy's compiled conditions
    eligible = p.counts.eligible;
    t = performance.now();
    await matchTargets(db, tenant.id, spec.targets);
    if (i > 0) read.push(performance.now() - t);
  }
  const s = summarise(preview);
  const r = summarise(read);
  console.log(`  ${fmt(targets)} targets, ${fmt(eligible)} eligible; preview p50 ${ms(s.p50)}, max ${ms(s.max)}; ${target(s.max < 3_000, "< 3 s")}`);
  figure("(q) campaign preview, 1,000 targets, p50", s.p50, "ms", { value: r.p50, is: "reading the same fleet alone (its queries)" });
  figure("(q) campaign preview, 1,000 targets, max", s.max, "ms", { value: r.max, is: "reading the same fleet alone (its queries)" });
}
