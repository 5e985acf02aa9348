// The overview page's counts: repositories by risk tier, teams, and what the reader may see of members
// and of prompt-injection signals (null where the reader lacks the permission, so nothing is shown).
import { can } from "../authz/authorize";
import type { OpContext } from "../core/op-context";
import { RISK_TIERS } from "../repositories/repository-view";
import { countInjectionSignals } from "../runs/count-injection-signals";

const SIGNAL_WINDOW_DAYS = 30;

export type TenantOverview = {
  repositoriesByTier: { tier: (typeof RISK_TIERS)[number]; count: number }[];
  teams: number;
  members: number | null;
  injectionSignals: number | null;
};

export async function tenantOverview(ctx: OpContext, now = new Date()): Promise<TenantOverview> {
  const { scope, tx } = ctx;
  const tenantId = scope.tenant.id;
  const [byTier, teams, members, signals] = await Promise.all([
    tx.repository.groupBy({ by: ["riskTier"], where: { tenantId }, _count: { _all: true } }),
    tx.team.count({ where: { tenantId } }),
    can(scope, "member.read") ? tx.membership.count({ where: { tenantId } }) : null,
    can(scope, "run.read") ? countInjectionSignals(ctx, { from: new Date(now.getTime() - SIGNAL_WINDOW_DAYS * 86_400_000), to: now }) : null,
  ]);
  return {
    repositoriesByTier: RISK_TIERS.map((tier) => ({ tier, count: byTier.find((r) => r.riskTier === tier)?._count._all ?? 0 })),
    teams,
    members,
    injectionSignals: signals?.total ?? null,
  };
}
