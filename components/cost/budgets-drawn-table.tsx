"use client";

import type { BudgetDrawn } from "@/server/cost/run-cost-view";
import { formatDate } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import type { Money } from "./money";

const periodLabel = (b: BudgetDrawn) => (b.period === "run" ? "this run" : b.period === "campaign" ? "the campaign's life" : `${b.period} of ${formatDate(b.startsAt)}`);

/** Budgets with one period each: what it covers, its mode and limit, and that period's spend and holds. */
export function BudgetsDrawnTable({ caption, budgets, money, percent }: { caption: string; budgets: (BudgetDrawn & { percent?: number })[]; money: Money; percent?: boolean }) {
  return (
    <Table caption={caption}>
      <THead>
        <Th>Budget</Th><Th>Covers</Th><Th>Period</Th><Th className="text-right">Spent</Th><Th className="text-right">Held</Th><Th className="text-right">Limit</Th>{percent ? <Th className="text-right">Used</Th> : null}
      </THead>
      <TBody>
        {budgets.map((b) => (
          <Tr key={`${b.budgetId}-${b.periodKey}`}>
            <Td className="font-medium text-slate-900">{b.name} <span className="text-xs font-normal text-slate-600">{b.mode}{b.archived ? ", archived" : ""}</span></Td>
            <Td className="text-xs">{b.scope === "tenant" ? "the tenant" : b.scope === "run" ? "each run" : `${b.scope} ${b.target ?? ""}`}</Td>
            <Td className="text-xs whitespace-nowrap">{periodLabel(b)}</Td>
            <Td className="text-right tabular-nums">{money(b.spentMicros)}</Td>
            <Td className="text-right tabular-nums">{money(b.reservedMicros)}</Td>
            <Td className="text-right tabular-nums">{money(b.limitMicros)}</Td>
            {percent ? <Td className="text-right tabular-nums">{b.percent ?? 0} %</Td> : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
