"use client";

// A campaign's spend on its page: what its runs cost so far, how many were costed, and each of its
// campaign budgets' period against the limit.
import { useQuery } from "@tanstack/react-query";
import type { CampaignCost } from "@/server/cost/run-cost-view";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { ProportionBar } from "../ui/proportion-bar";
import { Skeleton } from "../ui/skeleton";
import { BudgetsDrawnTable } from "./budgets-drawn-table";
import { moneyIn } from "./money";

export function CampaignSpend({ tenant, campaignId, currency, live }: { tenant: string; campaignId: string; currency: string; live: boolean }) {
  const q = useQuery({
    queryKey: ["tenant", tenant, "campaigns", "detail", campaignId, "cost"],
    queryFn: ({ signal }) => api<CampaignCost>(tenantPath(tenant, `campaigns/${campaignId}/cost`), { signal }),
    refetchInterval: live ? 30_000 : false,
  });
  const c = q.data;
  const money = moneyIn(c?.currency ?? currency);
  return (
    <section aria-labelledby="campaign-spend-heading" className="space-y-2">
      <h2 id="campaign-spend-heading" className="text-base font-semibold text-slate-900">Spend</h2>
      <Card>
        {q.isPending ? <div className="p-4"><Skeleton className="h-16" /></div> : q.isError ? <div className="p-4"><Alert tone="error" title="The campaign's spend could not be loaded">{errorMessage(q.error)}</Alert></div> : (
          <>
            <CardHeader title={`${money(c!.costMicros)} so far`} description={`${c!.runsCosted} of ${c!.runs} runs costed.`} />
            <div className="space-y-3 p-4">
              {c!.budgets.length ? (
                <>
                  {c!.budgets.map((b) => (
                    <div key={b.budgetId}>
                      <p className="text-sm text-slate-800"><span className="font-medium">{b.name}</span>: {money(b.spentMicros)} of {money(b.limitMicros)} ({b.percent} %){b.reservedMicros ? `, ${money(b.reservedMicros)} held` : ""}</p>
                      <ProportionBar className="mt-1 h-2 bg-slate-100" total={b.limitMicros} segments={[{ key: "spent", value: b.spentMicros, className: b.percent >= 100 ? "fill-red-600" : b.percent >= 80 ? "fill-amber-500" : "fill-sky-700" }]} />
                    </div>
                  ))}
                  <BudgetsDrawnTable caption="The campaign's budgets" budgets={c!.budgets} money={money} percent />
                </>
              ) : <p className="text-sm text-slate-600">No campaign budget is set for this campaign.</p>}
            </div>
          </>
        )}
      </Card>
    </section>
  );
}
