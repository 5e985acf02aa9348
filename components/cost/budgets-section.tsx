"use client";

// Each budget's current period as a burn-down (the one a budget alert links to first), and the
// per-run budgets as the runs of these days they stopped or hold.
import type { CostDashboard, RunBudget } from "@/server/cost/cost-view";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { BudgetBurndown, budgetDescription, BurnStatus } from "./budget-burndown";
import { CostPanel, CsvLink } from "./cost-panel";
import type { Money } from "./money";

export function BudgetsSection({ tenant, data, query, focus, money, currency }: { tenant: string; data: CostDashboard; query: Record<string, string>; focus: string; money: Money; currency: string }) {
  const budgets = [...data.budgets].sort((a, b) => Number(b.id === focus) - Number(a.id === focus));
  return (
    <section aria-labelledby="budgets-heading" className="space-y-2">
      <h2 id="budgets-heading" className="text-base font-semibold text-slate-900">Budgets</h2>
      <p className="text-xs text-slate-600">Each budget&apos;s current period, whatever the filters above: the spend recorded in its scope by day, projected to the period&apos;s end at the rate of the last seven days.</p>
      {!budgets.length && !data.runBudgets.length ? <Card><EmptyState title="No budget is set">Tenant admins set budgets per tenant, team, campaign or run; each shows its burn-down here.</EmptyState></Card> : null}
      <div className="grid gap-4 xl:grid-cols-2">
        {budgets.map((b) => (
          <CostPanel
            key={b.id} id={`budget-${b.id}`} title={b.name} description={budgetDescription(b)}
            className={b.id === focus ? "rounded-lg ring-2 ring-indigo-500" : undefined}
            actions={<BurnStatus b={b} />}
            csv={<CsvLink tenant={tenant} query={{ budget: b.id }} table="burndown" what={`burn-down of ${b.name}`} />}
          >
            <BudgetBurndown b={b} money={money} currency={currency} />
          </CostPanel>
        ))}
      </div>
      {data.runBudgets.length ? (
        <CostPanel title="Per-run budgets" description={`Each run on its own: the runs of ${data.from} to ${data.to} that drew on one, the ones it stopped, and the ones waiting for it now.`} csv={<CsvLink tenant={tenant} query={query} table="run-budgets" what="per-run budgets" />}>
          <RunBudgetsTable budgets={data.runBudgets} money={money} />
        </CostPanel>
      ) : null}
    </section>
  );
}

function RunBudgetsTable({ budgets, money }: { budgets: RunBudget[]; money: Money }) {
  return (
    <Table caption="Per-run budgets and the runs that hit them">
      <THead>
        <Th>Budget</Th>
        <Th className="text-right">Limit per run</Th>
        <Th className="text-right">Runs</Th>
        <Th className="text-right">Stopped</Th>
        <Th className="text-right">Waiting now</Th>
      </THead>
      <TBody>
        {budgets.map((b) => (
          <Tr key={b.id}>
            <Td className="font-medium text-slate-900">{b.name} <span className="text-xs font-normal text-slate-600">{b.mode}{b.mode === "hard" ? `, ${b.onExhausted === "approval" ? "asks to raise it" : "fails the run"}` : ""}</span></Td>
            <Td className="text-right tabular-nums">{money(b.limitMicros)}</Td>
            <Td className="text-right tabular-nums">{b.runs}</Td>
            <Td className="text-right tabular-nums">{b.stopped}</Td>
            <Td className="text-right tabular-nums">{b.waiting}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
