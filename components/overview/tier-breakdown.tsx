import Link from "next/link";
import { RiskTierBadge, TIER_FILL, type RiskTier } from "../repositories/risk-tier-badge";
import { Card, CardHeader } from "../ui/card";
import { ProportionBar } from "../ui/proportion-bar";

/** Repositories per risk tier, as a stacked bar and a linked list (each tier opens the filtered table). */
export function TierBreakdown({ tenant, counts }: { tenant: string; counts: { tier: RiskTier; count: number }[] }) {
  const total = counts.reduce((n, c) => n + c.count, 0);
  return (
    <Card>
      <CardHeader title="Repositories by risk tier" description="The tier decides how much review an agent's change needs." />
      <div className="px-4 py-4">
        <ProportionBar className="h-2 bg-slate-100" total={total} segments={counts.map((c) => ({ key: c.tier, value: c.count, className: TIER_FILL[c.tier] }))} />
        <ul className="mt-4 grid grid-cols-2 gap-2 sm:grid-cols-5">
          {counts.map((c) => (
            <li key={c.tier}>
              <Link
                href={`/${tenant}/admin/repositories?riskTier=${c.tier}`}
                className="flex items-center justify-between gap-2 rounded-md border border-slate-200 px-2.5 py-2 hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <RiskTierBadge tier={c.tier} />
                <span className="text-sm font-semibold text-slate-900 tabular-nums">
                  {c.count}
                  <span className="sr-only"> {c.tier} repositories</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
