"use client";

// The costliest teams, repositories and campaigns over the range (bars with their share of the
// whole), and the costliest runs with a link to each.
import Link from "next/link";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Top, TopRun } from "@/server/cost/cost-view";
import { ChartFrame } from "../charts/chart-parts";
import { taskClassLabel } from "../runs/labels";
import { EmptyState } from "../ui/empty-state";
import { formatDate } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { AXIS } from "./spend-chart";
import { tooltipMoney, type Money } from "./money";

const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;

export function TopBars({ top, what, money, currency }: { top: Top; what: string; money: Money; currency: string }) {
  if (!top.rows.length) return <EmptyState title={`No ${what} spent anything`}>Nothing was recorded in these days.</EmptyState>;
  const first = top.rows[0]!;
  const data = top.rows.map((r) => ({ label: r.label, cost: r.costMicros }));
  return (
    <ChartFrame label={`Spend per ${what}, the costliest first`} summary={`${first.label} spent the most: ${money(first.costMicros)}, ${pct(first.share)} of ${money(top.totalMicros)}.`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 12, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" tick={AXIS} tickFormatter={(v: number) => money(v)} label={{ value: `spend (${currency})`, position: "insideBottom", offset: -8, fontSize: 11, fill: "#475569" }} />
          <YAxis type="category" dataKey="label" tick={AXIS} width={140} />
          <Tooltip formatter={tooltipMoney(money)} />
          <Bar dataKey="cost" name="Spend" fill="#0072B2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function TopRunsTable({ tenant, runs, money }: { tenant: string; runs: TopRun[]; money: Money }) {
  if (!runs.length) return <EmptyState title="No run finished with a cost">Runs that finished in these days show here, the costliest first.</EmptyState>;
  return (
    <Table caption="The costliest runs that finished in these days">
      <THead>
        <Th>Run</Th>
        <Th>Repository</Th>
        <Th>Task class</Th>
        <Th>Finished</Th>
        <Th className="text-right">Cost</Th>
      </THead>
      <TBody>
        {runs.map((r) => (
          <Tr key={r.runId}>
            <Td><Link href={`/${tenant}/runs/${r.runId}`} className="font-mono text-xs text-indigo-700 hover:underline">{r.runId.slice(0, 10)}</Link> <span className="text-xs text-slate-600">{r.state}</span></Td>
            <Td className="font-mono text-xs">{r.repository}</Td>
            <Td className="text-xs">{taskClassLabel(r.taskClass)}</Td>
            <Td className="text-xs whitespace-nowrap">{formatDate(r.finishedAt)}</Td>
            <Td className="text-right tabular-nums">{money(r.costMicros)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
