"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { formatDate, plural } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { ArchiveBudgetButton } from "./archive-budget-button";
import { BudgetDialog } from "./budget-dialog";
import { BudgetHistoryDialog } from "./budget-history-dialog";
import { SpendBar } from "./spend-bar";
import { budgetKeys, coverage, PERIOD_LABELS, type BudgetTargets, type BudgetView } from "./types";

type Props = { tenant: string; currency: string; canManage: boolean; targets: BudgetTargets; initial: { currency: string; budgets: BudgetView[] } };

/** The tenant's budgets with this period's spend; archived ones below, for the record. */
export function BudgetsView({ tenant, currency, canManage, targets, initial }: Props) {
  const query = useQuery({
    queryKey: budgetKeys.all(tenant),
    queryFn: ({ signal }) => api<{ currency: string; budgets: BudgetView[] }>(tenantPath(tenant, "budgets"), { signal }),
    initialData: initial,
  });
  if (query.isError) return <Alert tone="error" title="Budgets could not be loaded">{errorMessage(query.error)}</Alert>;
  const active = query.data.budgets.filter((b) => !b.archivedAt);
  const archived = query.data.budgets.filter((b) => b.archivedAt);
  return (
    <div className="space-y-6">
      {active.length === 0 ? (
        <Card>
          <EmptyState title="No budgets">
            {canManage ? "Nothing limits or watches what agents spend in this tenant. Create a budget for the tenant, a team, a campaign or each run." : "A tenant admin creates budgets."}
          </EmptyState>
        </Card>
      ) : (
        <BudgetTable caption="Budgets" budgets={active} tenant={tenant} currency={currency} canManage={canManage} targets={targets}
          footer={`${plural(active.length, "budget")} · days, weeks and months are UTC; spend counts costs recorded while the budget exists`} />
      )}
      {archived.length ? (
        <section aria-labelledby="budgets-archived" className="space-y-2">
          <h2 id="budgets-archived" className="text-sm font-semibold text-slate-900">Archived</h2>
          <BudgetTable caption="Archived budgets" budgets={archived} tenant={tenant} currency={currency} canManage={false} targets={targets} />
        </section>
      ) : null}
    </div>
  );
}

function BudgetTable({ caption, budgets, tenant, currency, canManage, targets, footer }: Omit<Props, "initial"> & { caption: string; budgets: BudgetView[]; footer?: string }) {
  return (
    <Table caption={caption} footer={footer ? <p className="text-xs text-slate-600">{footer}</p> : undefined}>
      <THead>
        <Th>Budget</Th>
        <Th>Covers</Th>
        <Th>Mode</Th>
        <Th>Period</Th>
        <Th className="text-right">Limit</Th>
        <Th>Spent this period</Th>
        <Th>Alerts at</Th>
        <Th className="text-right"><span className="sr-only">Actions</span></Th>
      </THead>
      <TBody>
        {budgets.map((b) => (
          <Tr key={b.id}>
            <Td>
              <div className="font-medium text-slate-900">{b.name}</div>
              <div className="text-xs text-slate-600">{b.archivedAt ? `Archived ${formatDate(b.archivedAt)}` : `By ${b.createdByLabel}`}</div>
            </Td>
            <Td className="text-sm text-slate-800">{coverage(b)}</Td>
            <Td className="whitespace-nowrap">
              {b.mode === "hard" ? <Badge tone="red">Hard</Badge> : <Badge>Soft</Badge>}
              {b.mode === "hard" ? <div className="mt-0.5 text-xs text-slate-600">{b.onExhausted === "approval" ? "then waits for a raise" : "then the run fails"}</div> : null}
            </Td>
            <Td className="text-xs whitespace-nowrap text-slate-700">{PERIOD_LABELS[b.period]}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{b.limitText}</Td>
            <Td><SpendBar budget={b} /></Td>
            <Td className="text-xs whitespace-nowrap text-slate-700 tabular-nums">{b.thresholds.length ? b.thresholds.map((t) => `${t} %`).join(", ") : "none"}</Td>
            <Td className="text-right whitespace-nowrap">
              <BudgetHistoryDialog tenant={tenant} budget={b} />
              {canManage ? <BudgetDialog tenant={tenant} currency={currency} targets={targets} budget={b} /> : null}
              {canManage ? <ArchiveBudgetButton tenant={tenant} budget={b} /> : null}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
