"use client";

// The cost dashboard: spend over the range stacked by a dimension, cost per run, per succeeded run and
// per merged PR, the top spenders, and each budget's burn-down. The filters live in the URL; the
// first render comes from the server and the data follows live. Every chart downloads its table.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { CostDashboard as Dashboard } from "@/server/cost/cost-view";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";
import { UpdatedAgo } from "../ui/time-left";
import { useUrlQuery } from "../ui/use-url-query";
import { BudgetsSection } from "./budgets-section";
import { costApiQuery, costFilter, type CostOptions, type CostUrlFilter } from "./cost-filter";
import { CostFilters } from "./cost-filters";
import { CostPanel, CsvLink } from "./cost-panel";
import { moneyIn } from "./money";
import { GroupBySelect, SpendChart } from "./spend-chart";
import { TopBars, TopRunsTable } from "./top-spenders";
import { UnitCosts } from "./unit-costs";

const LIVE_MS = 60_000;

export function CostDashboard({ tenant, currency, options, initial }: { tenant: string; currency: string; options: CostOptions; initial: { filter: CostUrlFilter; data: Dashboard | null } }) {
  const [params, setQuery] = useUrlQuery();
  const filter = costFilter.parse(params, undefined);
  const query = costApiQuery(filter);
  const q = useQuery({
    queryKey: ["tenant", tenant, "cost", query],
    queryFn: ({ signal }) => api<Dashboard>(tenantPath(tenant, "cost", query), { signal }),
    initialData: costFilter.same({ ...filter, budget: "" }, { ...initial.filter, budget: "" }) && initial.data ? initial.data : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
  const d = q.data;
  const money = moneyIn(d?.currency ?? currency);
  const cur = d?.currency ?? currency;
  const set = (f: CostUrlFilter) => setQuery(costFilter.query(f));
  const csv = (table: string, what: string) => <CsvLink tenant={tenant} query={query} table={table} what={what} />;
  const filtered = !costFilter.same({ ...filter, groupBy: "team", budget: "" }, costFilter.defaults);
  return (
    <>
      <CostFilters filter={filter} options={options} shown={d ? { from: d.from, to: d.to } : null} onChange={set} />
      {q.isError && !d ? <Alert tone="error" title="The dashboard could not be loaded">{errorMessage(q.error)}</Alert> : null}
      {q.isRefetchError && d ? <Alert tone="warning" className="mb-3">Could not refresh: {errorMessage(q.error)} Showing what was loaded before.</Alert> : null}
      {!d ? (q.isError ? null : <div className="space-y-4" aria-busy="true" aria-label="Loading the dashboard"><Skeleton className="h-80" /><Skeleton className="h-40" /><Skeleton className="h-72" /></div>) : (
        <div className="space-y-5">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="text-sm text-slate-700">
              <span className="text-2xl font-semibold tabular-nums text-slate-900">{money(d.total.costMicros)}</span>{" "}
              spent from {d.from} to {d.to} (UTC) on {d.total.entries.toLocaleString("en-US")} costed model calls, sandbox commands and verifier steps
              ({(d.total.inputTokens + d.total.outputTokens).toLocaleString("en-US")} tokens).
            </p>
            <UpdatedAgo at={q.dataUpdatedAt} fetching={q.isFetching} />
          </div>
          {d.total.costMicros === 0 ? (
            <Card><EmptyState title="Nothing was spent in these days">{filtered ? "Nothing matches these filters; clear one or widen the days to see more." : "When agents call models or run commands, what they cost shows here."}</EmptyState></Card>
          ) : null}
          <CostPanel
            title="Spend over time" description="Spend per UTC day, stacked: the seven costliest and the others together." csv={csv("spend", "spend per day")}
            actions={<GroupBySelect value={filter.groupBy} onChange={(groupBy) => set({ ...filter, groupBy: groupBy as CostUrlFilter["groupBy"] })} />}
          >
            <SpendChart chart={d.spend} money={money} currency={cur} />
          </CostPanel>
          <CostPanel title="Cost per outcome" description="Runs that finished in these days (by finishedAt), the ones that succeeded, and pull requests merged in them (the cost of each one's run)." csv={csv("unit-costs", "cost per run, succeeded run and merged PR")}>
            <UnitCosts u={d.unitCosts} money={money} />
          </CostPanel>
          <div className="grid gap-4 xl:grid-cols-3">
            <CostPanel title="Top teams" description="The teams whose repositories' work cost the most." csv={csv("top-teams", "top teams")}><TopBars top={d.top.teams} what="team" money={money} currency={cur} /></CostPanel>
            <CostPanel title="Top repositories" description="The repositories whose runs cost the most." csv={csv("top-repositories", "top repositories")}><TopBars top={d.top.repositories} what="repository" money={money} currency={cur} /></CostPanel>
            <CostPanel title="Top campaigns" description="Campaigns, and work outside any campaign." csv={csv("top-campaigns", "top campaigns")}><TopBars top={d.top.campaigns} what="campaign" money={money} currency={cur} /></CostPanel>
          </div>
          <CostPanel title="Costliest runs" description="Runs that finished in these days, the costliest first." csv={csv("top-runs", "costliest runs")}>
            <TopRunsTable tenant={tenant} runs={d.top.runs} money={money} />
          </CostPanel>
          <BudgetsSection tenant={tenant} data={d} query={query} focus={filter.budget} money={money} currency={cur} />
        </div>
      )}
    </>
  );
}
