import Link from "next/link";
import { RiskTierBadge, TIER_DOT, type RiskTier } from "../repositories/risk-tier-badge";
import { Card, CardHeader } from "../ui/card";

/** Repositories per risk tier, as a stacked bar and a linked list (each tier opens the filtered table). */
export function TierBreakdown({ tenant, counts }: { tenant: string; counts: { tier: RiskTier; count: number }[] }) {
  const total = counts.reduce((n, c) => n + c.count, 0);
  return (
    <Card>
      <CardHeader title="Repositories by risk tier" description="The tier decides how much review an agent's change needs." />
      <div className="px-4 py-4">
        <div className="flex h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
          {counts.map((c) => (c.count ? <div key={c.tier} className={TIER_DOT[c.tier]} style={{ width: `${(c.count / Math.max(total, 1)) * 100}%` }} /> : null))}
        </div>
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
