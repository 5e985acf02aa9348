"use client";

// A budget's current period: spend by the end of each day against the limit, the projection to the
// period's end at the current daily rate, and when the limit would run out.
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BudgetBurn } from "@/server/cost/cost-view";
import { ChartFrame } from "../charts/chart-parts";
import { Badge } from "../ui/badge";
import { formatDate, formatDateTime } from "../ui/format";
import { ProportionBar } from "../ui/proportion-bar";
import { AXIS, dayTick, yLabel } from "./spend-chart";
import { tooltipMoney, type Money } from "./money";

const PERIOD: Record<string, string> = { day: "today", week: "this week", month: "this month", campaign: "the campaign's life" };
const SCOPE: Record<string, string> = { tenant: "the whole tenant", team: "team", campaign: "campaign" };

export function budgetDescription(b: BudgetBurn): string {
  const what = b.scope === "tenant" ? SCOPE.tenant : `${SCOPE[b.scope]} ${b.target ?? "(removed)"}`;
  const until = b.endsAt ? ` to ${formatDate(new Date(new Date(b.endsAt).getTime() - 1).toISOString())}` : ", open-ended";
  return `${b.mode === "hard" ? "Hard" : "Soft"} budget for ${what}, ${PERIOD[b.period] ?? b.period} (from ${formatDate(b.startsAt)}${until}, UTC).`;
}

export function runOut(b: BudgetBurn): string {
  if (b.status === "exhausted") return `The limit was reached on ${b.exhaustedOn}.`;
  if (b.runsOutAt) return `At this rate the limit runs out on ${b.period === "day" ? formatDateTime(b.runsOutAt) : formatDate(b.runsOutAt)}.`;
  return b.dailyRateMicros > 0 ? "At this rate the limit does not run out before the period ends." : "Nothing spent lately: no projection.";
}

export function BurnStatus({ b }: { b: BudgetBurn }) {
  if (b.status === "exhausted") return <Badge tone="red">limit reached</Badge>;
  if (b.status === "projected_over") return <Badge tone="amber">runs out {formatDate(b.runsOutAt)}</Badge>;
  return <Badge tone="green">within the limit</Badge>;
}

export function BudgetBurndown({ b, money, currency }: { b: BudgetBurn; money: Money; currency: string }) {
  const percent = b.limitMicros > 0 ? Math.round((b.spentMicros / b.limitMicros) * 1000) / 10 : 0;
  const facts = (
    <div className="space-y-1 text-sm text-slate-800">
      <p>
        <span className="font-semibold tabular-nums">{money(b.spentMicros)}</span> of {money(b.limitMicros)} ({percent} %) spent
        {b.projectedEndMicros !== null ? <>; at {money(b.dailyRateMicros)} a day, {money(b.projectedEndMicros)} by the period&apos;s end</> : <>; {money(b.dailyRateMicros)} a day lately</>}.
      </p>
      <p>{runOut(b)}</p>
      <p className="text-xs text-slate-600">The budget&apos;s own count{b.mode === "hard" ? ", which its limit is checked against" : ""}: {money(b.budgetSpentMicros)} settled, {money(b.budgetReservedMicros)} held by work in flight.</p>
    </div>
  );
  if (b.points.length <= 1) {
    return (
      <div className="space-y-3">
        <ProportionBar total={b.limitMicros} segments={[{ key: "spent", value: b.spentMicros, className: b.status === "exhausted" ? "fill-red-600" : "fill-sky-700" }]} className="h-3 bg-slate-100" />
        {facts}
      </div>
    );
  }
  const top = Math.max(b.limitMicros, ...b.points.map((p) => Math.max(p.spentMicros ?? 0, p.projectedMicros ?? 0)));
  return (
    <div className="space-y-3">
      <ChartFrame label={`Burn-down of ${b.name}: spend so far, projected, against the limit`} summary="Solid: spent by the end of each day; dashed: projected at the current rate; the red line is the limit.">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart accessibilityLayer={false} data={b.points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="day" tickFormatter={dayTick} tick={AXIS} minTickGap={20} />
            <YAxis tick={AXIS} width={84} tickFormatter={(v: number) => money(v)} domain={[0, Math.ceil(top * 1.05) || 1]} label={yLabel(`spent so far (${currency})`)} />
            <Tooltip formatter={tooltipMoney(money)} labelFormatter={(d) => (typeof d === "string" ? `${d} (UTC)` : String(d))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line type="linear" dataKey="spentMicros" name="Spent by the end of the day" stroke="#0072B2" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            <Line type="linear" dataKey="projectedMicros" name="Projected at the current rate" stroke="#E69F00" strokeWidth={2} strokeDasharray="6 4" dot={false} connectNulls={false} isAnimationActive={false} />
            <ReferenceLine y={b.limitMicros} stroke="#D55E00" strokeDasharray="3 3" label={{ value: `limit ${money(b.limitMicros)}`, position: "insideTopLeft", fontSize: 11, fill: "#9a3412" }} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFrame>
      {facts}
    </div>
  );
}
