"use client";

// The dashboard's charts, each with its units on the axis and a sentence saying what the latest
// point shows.
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PrStorm, SeriesChart } from "@/server/pr-storm/pr-storm-view";
import { ChartFrame, SERIES_COLOURS, timeTick, tooltipTime } from "../charts/chart-parts";
import { plural } from "../ui/format";

const AXIS = { fontSize: 11, fill: "#475569" };
const yLabel = (value: string) => ({ value, angle: -90, position: "insideLeft" as const, fontSize: 11, fill: "#475569" });

/** Open agent PRs at each point, one line per team or repository (the busiest ones, then the others together). */
export function OpenOverTime({ chart, stepMs, what }: { chart: SeriesChart; stepMs: number; what: string }) {
  const data = chart.points.map((p) => ({ at: p.at, ...p.values }));
  const last = chart.points.at(-1)?.values ?? {};
  const busiest = [...chart.series].sort((a, b) => (last[b.key] ?? 0) - (last[a.key] ?? 0))[0];
  const summary = busiest ? `Now ${busiest.label} has the most open agent PRs: ${last[busiest.key] ?? 0}.` : `No agent PR was open in this range.`;
  return (
    <ChartFrame label={`Open agent PRs per ${what} over time`} summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="at" tickFormatter={timeTick(stepMs)} tick={AXIS} minTickGap={24} />
          <YAxis allowDecimals={false} tick={AXIS} width={44} label={yLabel("open PRs")} />
          <Tooltip labelFormatter={tooltipTime} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {chart.series.map((s, i) => (
            <Line key={s.key} type="stepAfter" dataKey={s.key} name={s.label} stroke={s.key === "other" ? "#94a3b8" : SERIES_COLOURS[i % SERIES_COLOURS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** PRs opened per hour against the budget. */
export function CreationRate({ data }: { data: PrStorm }) {
  const peak = Math.max(0, ...data.flow.map((p) => p.openedPerHour));
  const budget = data.budget;
  const summary = budget
    ? `Peak ${peak} PRs an hour against a budget of ${budget.perHour} an hour (burst ${budget.burst}, from ${budget.source}).`
    : `Peak ${peak} PRs an hour; no campaign under way sets an hourly budget.`;
  return (
    <ChartFrame label="Agent PRs opened per hour against the budget" summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart accessibilityLayer={false} data={data.flow} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="at" tickFormatter={timeTick(data.stepMs)} tick={AXIS} minTickGap={24} />
          <YAxis tick={AXIS} width={44} label={yLabel("PRs per hour")} domain={[0, (max: number) => Math.max(max, budget?.perHour ?? 0) * 1.1 || 1]} />
          <Tooltip labelFormatter={tooltipTime} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="openedPerHour" name="Opened per hour (average over the step)" fill="#0072B2" isAnimationActive={false} />
          {budget ? <ReferenceLine y={budget.perHour} stroke="#D55E00" strokeDasharray="6 3" label={{ value: `budget ${budget.perHour}/h`, position: "insideTopRight", fontSize: 11, fill: "#9a3412" }} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** Merged and closed without merging, per step. */
export function MergeAndClose({ data }: { data: PrStorm }) {
  const merged = data.flow.reduce((a, p) => a + p.merged, 0);
  const closed = data.flow.reduce((a, p) => a + p.closed, 0);
  const opened = data.flow.reduce((a, p) => a + p.opened, 0);
  return (
    <ChartFrame label="Agent PRs opened, merged and closed without merging per step" summary={`In this range: ${plural(opened, "PR")} opened, ${merged} merged, ${closed} closed without merging.`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data.flow} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="at" tickFormatter={timeTick(data.stepMs)} tick={AXIS} minTickGap={24} />
          <YAxis allowDecimals={false} tick={AXIS} width={44} label={yLabel("PRs per step")} />
          <Tooltip labelFormatter={tooltipTime} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="opened" name="Opened" fill="#56B4E9" isAnimationActive={false} />
          <Bar dataKey="merged" name="Merged" fill="#009E73" isAnimationActive={false} />
          <Bar dataKey="closed" name="Closed unmerged" fill="#64748b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** The review queue per team now: how many wait, and the oldest wait in hours. */
export function ReviewQueue({ teams }: { teams: PrStorm["teams"] }) {
  const data = teams.filter((t) => t.awaitingReview > 0).map((t) => ({ team: t.team?.name ?? "(no team)", awaiting: t.awaitingReview, oldestHours: t.oldestWaitingSince ? Math.round((Date.now() - new Date(t.oldestWaitingSince).getTime()) / 360_000) / 10 : 0 }));
  const top = data[0];
  return (
    <ChartFrame label="Agent PRs awaiting review per team, and the oldest wait" summary={top ? `${top.team} has ${top.awaiting} awaiting review, the oldest for ${top.oldestHours} hours.` : "No agent PR waits for review."}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" xAxisId="n" allowDecimals={false} tick={AXIS} orientation="bottom" label={{ value: "PRs awaiting review", position: "insideBottom", offset: -2, fontSize: 11, fill: "#475569" }} />
          <XAxis type="number" xAxisId="h" tick={AXIS} orientation="top" label={{ value: "oldest wait (hours)", position: "insideTop", offset: -2, fontSize: 11, fill: "#475569" }} />
          <YAxis type="category" dataKey="team" tick={AXIS} width={110} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar xAxisId="n" dataKey="awaiting" name="Awaiting review" fill="#0072B2" isAnimationActive={false} />
          <Bar xAxisId="h" dataKey="oldestHours" name="Oldest wait (hours)" fill="#E69F00" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** Held work by what holds it. */
export function HeldByReason({ held }: { held: PrStorm["held"] }) {
  const top = held.byKind[0];
  return (
    <ChartFrame label="Held agent work by what holds it" summary={top ? `${plural(held.total, "changeset")} held; most by ${top.label} (${top.count}).` : "No work is held."} height={200}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={held.byKind} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={AXIS} label={{ value: "changesets held", position: "insideBottom", offset: -2, fontSize: 11, fill: "#475569" }} />
          <YAxis type="category" dataKey="label" tick={AXIS} width={180} />
          <Tooltip />
          <Bar dataKey="count" name="Held" fill="#E69F00" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
