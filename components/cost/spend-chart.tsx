"use client";

// Spend per day, stacked by the chosen dimension: the costliest seven and the others together, so
// the legend stays readable at a glance.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SpendChart as Chart } from "@/server/cost/cost-view";
import { ChartFrame, SERIES_COLOURS } from "../charts/chart-parts";
import { inputClass } from "../ui/input-class";
import { GROUPS } from "./cost-filter";
import { tooltipMoney, type Money } from "./money";

export const AXIS = { fontSize: 11, fill: "#475569" };
export const yLabel = (value: string) => ({ value, angle: -90, position: "insideLeft" as const, fontSize: 11, fill: "#475569" });
export const dayTick = (day: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
const GROUP_WORD: Record<string, string> = { team: "team", taskClass: "task class", campaign: "campaign", repository: "repository", model: "model", kind: "kind of work" };

export function SpendChart({ chart, money, currency }: { chart: Chart; money: Money; currency: string }) {
  const data = chart.points.map((p) => ({ day: p.day, ...p.values }));
  const top = chart.series.filter((s) => s.key !== "other")[0];
  const total = chart.series.reduce((a, s) => a + s.costMicros, 0);
  const summary = top
    ? `${money(total)} over ${chart.points.length} days; the most by ${GROUP_WORD[chart.groupBy]}: ${top.label}, ${money(top.costMicros)}.`
    : "Nothing was spent in these days.";
  return (
    <ChartFrame label={`Spend per day by ${GROUP_WORD[chart.groupBy]}, stacked`} summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={dayTick} tick={AXIS} minTickGap={20} />
          <YAxis tick={AXIS} width={84} tickFormatter={(v: number) => money(v)} label={yLabel(`spend per day (${currency})`)} />
          <Tooltip formatter={tooltipMoney(money)} labelFormatter={(d) => (typeof d === "string" ? `${d} (UTC)` : String(d))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {chart.series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="spend" fill={s.key === "other" ? "#94a3b8" : SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** What the spend chart stacks by; part of the URL like the filters. */
export function GroupBySelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor="cost-group-by" className="text-xs font-medium text-slate-700">Stack by</label>
      <select id="cost-group-by" value={value} onChange={(e) => onChange(e.target.value)} className={inputClass(false, "h-7 w-36 text-xs")}>
        {GROUPS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
      </select>
    </div>
  );
}
