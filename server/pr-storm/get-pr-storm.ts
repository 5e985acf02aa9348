// The PR-storm dashboard: which team is drowning in agent PRs, and why. Teams sorted by pressure
// (awaiting review plus held, then the longest wait), open PRs per team and repository over time,
// the creation rate against the budget, merges and closes, held work by what holds it, stale PRs.
// Filters narrow every panel alike; another tenant's campaign or repository id finds nothing.
import type { OpContext } from "../core/op-context";
import { bucketsEnding, bucketTimes, cumulate, type Buckets } from "../charts/time-buckets";
import { describeHold } from "./hold-kinds";
import { flowCounts, heldRows, openMoves, staleRows, teamRows, type KeyedMove, type Scope, type TeamRow } from "./pr-storm-queries";
import { RANGE_BUCKETS, type PrStorm, type PrStormFilter, type SeriesChart, type TeamPressure } from "./pr-storm-view";
import { readPrBudget } from "./read-pr-budget";

const TOP_SERIES = 8;
const STALE_SHOWN = 25;
const NO_TEAM = "none";

export async function getPrStorm(ctx: OpContext, f: PrStormFilter): Promise<PrStorm> {
  const tenantId = ctx.scope.tenant.id;
  const { stepMs, n } = RANGE_BUCKETS[f.range];
  const b = bucketsEnding(new Date(), stepMs, n);
  const teamId = f.team ? (await ctx.tx.team.findFirst({ where: { tenantId, slug: f.team }, select: { id: true } }))?.id ?? null : undefined;
  const s: Scope = { tenantId, campaignId: f.campaign, repositoryId: f.repository, teamId };
  const [teams, pressure, byTeam, byRepo, flow, held, stale, budget] = await Promise.all([
    ctx.tx.team.findMany({ where: { tenantId }, select: { id: true, slug: true, name: true } }),
    teamRows(ctx.tx, s, f.staleDays),
    openMoves(ctx.tx, s, b, "team", TOP_SERIES),
    openMoves(ctx.tx, s, b, "repository", TOP_SERIES),
    flowCounts(ctx.tx, s, b),
    heldRows(ctx.tx, s),
    staleRows(ctx.tx, s, f.staleDays, STALE_SHOWN),
    readPrBudget(ctx.tx, tenantId, f.campaign),
  ]);
  const teamOf = new Map(teams.map((t) => [t.id, { slug: t.slug, name: t.name }]));
  const repoIds = [...new Set(byRepo.flatMap((m) => (m.k && m.k !== "*" ? [m.k] : [])))];
  const repos = repoIds.length ? await ctx.tx.repository.findMany({ where: { tenantId, id: { in: repoIds } }, select: { id: true, owner: true, name: true } }) : [];
  const repoLabel = new Map(repos.map((r) => [r.id, `${r.owner}/${r.name}`]));
  const times = bucketTimes(b);
  const hours = stepMs / 3_600_000;
  const flowAt = new Map(flow.map((r) => [r.i, r]));
  const byKind = new Map<string, { count: number; oldestSince: Date | null }>();
  for (const h of held) {
    const k = byKind.get(h.kind) ?? { count: 0, oldestSince: null };
    byKind.set(h.kind, { count: k.count + h.count, oldestSince: !k.oldestSince || (h.oldestSince && h.oldestSince < k.oldestSince) ? h.oldestSince : k.oldestSince });
  }
  return {
    range: f.range, stepMs, staleDays: f.staleDays, budget,
    teams: pressure.map((t) => teamPressure(t, t.teamId ? teamOf.get(t.teamId) ?? null : null)).sort(byPressure),
    openByTeam: chart(b, times, byTeam, (k) => (k === NO_TEAM ? "(no team)" : teamOf.get(k)?.name ?? k)),
    openByRepository: chart(b, times, byRepo, (k) => repoLabel.get(k) ?? k),
    flow: times.map((at, i) => {
      const r = flowAt.get(i);
      return { at, opened: r?.opened ?? 0, merged: r?.merged ?? 0, closed: r?.closed ?? 0, openedPerHour: Math.round(((r?.opened ?? 0) / hours) * 100) / 100 };
    }),
    held: {
      total: held.reduce((a, h) => a + h.count, 0),
      byKind: [...byKind].map(([kind, v]) => ({ kind, label: describeHold(kind), count: v.count, oldestSince: v.oldestSince?.toISOString() ?? null })).sort((x, y) => y.count - x.count),
      reasons: held.filter((h) => h.reason).slice(0, 10).map((h) => ({ kind: h.kind, reason: h.reason!, count: h.count })),
    },
    stale: {
      total: pressure.reduce((a, t) => a + t.stale, 0),
      prs: stale.map((r) => ({
        changesetId: r.changesetId, repository: `${r.owner}/${r.name}`, team: r.teamId ? teamOf.get(r.teamId) ?? null : null, prNumber: r.prNumber, prUrl: r.prUrl,
        title: r.title, state: r.state, lastActivityAt: r.lastActivityAt.toISOString(), campaignId: r.campaignId,
      })),
    },
  };
}

/** The top keys' series and, when there are more, "other" (the total less the top ones). */
function chart(b: Buckets, times: string[], moves: KeyedMove[], label: (k: string) => string): SeriesChart {
  const keyOf = (k: string | null) => k ?? NO_TEAM;
  const keys = [...new Set(moves.filter((m) => m.k !== "*").map((m) => keyOf(m.k)))];
  const rows = moves.map((m) => ({ i: m.i, key: m.k === "*" ? "*" : keyOf(m.k), delta: m.delta }));
  const values = cumulate(b, [...keys, "*"], rows);
  const hasOther = values.some((v) => v["*"]! > keys.reduce((a, k) => a + v[k]!, 0));
  const series = [...keys.map((k) => ({ key: k, label: label(k) })), ...(hasOther ? [{ key: "other", label: "Others" }] : [])];
  return {
    series,
    points: values.map((v, i) => {
      const top = Object.fromEntries(keys.map((k) => [k, v[k]!]));
      return { at: times[i]!, values: hasOther ? { ...top, other: v["*"]! - keys.reduce((a, k) => a + v[k]!, 0) } : top };
    }),
  };
}

function teamPressure(t: TeamRow, team: TeamPressure["team"]): TeamPressure {
  const parts: string[] = [];
  if (t.awaiting) parts.push(`${t.awaiting} awaiting review${t.oldestWaitingSince ? `, the oldest for ${ago(t.oldestWaitingSince)}` : ""}`);
  if (t.held) parts.push(`${t.held} held${t.topHoldKind ? `, mostly ${describeHold(t.topHoldKind)}` : ""}`);
  if (t.stale) parts.push(`${t.stale} stale`);
  if (!parts.length) parts.push(t.open ? `${t.open} open, none waiting for review` : "nothing waiting");
  return {
    team, open: t.open, awaitingReview: t.awaiting, oldestWaitingSince: t.oldestWaitingSince?.toISOString() ?? null,
    medianWaitHours: t.medianWaitHours === null ? null : Math.round(t.medianWaitHours * 10) / 10, held: t.held, stale: t.stale, why: `${parts.join("; ")}.`,
  };
}

const byPressure = (a: TeamPressure, b: TeamPressure) =>
  b.awaitingReview + b.held - (a.awaitingReview + a.held)
  || (a.oldestWaitingSince ?? "~").localeCompare(b.oldestWaitingSince ?? "~")
  || b.open - a.open || (a.team?.slug ?? "~").localeCompare(b.team?.slug ?? "~");

function ago(since: Date): string {
  const h = (Date.now() - since.getTime()) / 3_600_000;
  return h < 1 ? "under an hour" : h < 48 ? `${Math.floor(h)} h` : `${Math.floor(h / 24)} days`;
}
