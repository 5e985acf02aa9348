// Why a changeset is held under the PR-storm caps: the kind (a stable name other domains and the
// dashboards count by) and the sentence a person reads on the changeset. This file holds no logic
// beyond the words, so the console may import it.
import { z } from "zod";

export const HOLD_KINDS = ["tenant_budget", "team_open", "team_review", "repository", "wave", "schedule"] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];
export const ZHoldKind = z.enum(HOLD_KINDS);
export const isCapHold = (k: string | null): k is HoldKind => (HOLD_KINDS as readonly string[]).includes(k ?? "");

/** Held by time (the next token, the next window): released by a delayed job at the computed time. */
export const TIMED_HOLDS: readonly HoldKind[] = ["tenant_budget", "schedule"];

export const HOLD_LABELS: Record<HoldKind, string> = {
  tenant_budget: "Hourly budget",
  team_open: "Team's open PRs",
  team_review: "Team's review queue",
  repository: "Repository's open PRs",
  wave: "Wave's open PRs",
  schedule: "Schedule window",
};

export type HoldFacts =
  | { kind: "tenant_budget"; campaign: string | null; rate: number; burst: number; nextAt: Date }
  | { kind: "team_open" | "team_review"; team: string; count: number; cap: number }
  | { kind: "repository"; repository: string; count: number; cap: number }
  | { kind: "wave"; campaign: string; wave: number; count: number; cap: number }
  | { kind: "schedule"; campaign: string; timezone: string; nextAt: Date | null; nextLocal: string | null };

const prs = (n: number) => `${n} agent PR${n === 1 ? "" : "s"}`;
const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

/** "held: team payments has 10 agent PRs awaiting review (cap 10)". */
export function holdSentence(f: HoldFacts): string {
  switch (f.kind) {
    case "tenant_budget":
      return `held: ${f.campaign ? `campaign ${f.campaign}'s` : "the tenant's"} budget of ${prs(f.rate)} per hour (burst ${f.burst}) is spent; the next may open at ${utc(f.nextAt)}`;
    case "team_open":
      return `held: team ${f.team} has ${prs(f.count)} open (cap ${f.cap})`;
    case "team_review":
      return `held: team ${f.team} has ${prs(f.count)} awaiting review (cap ${f.cap})`;
    case "repository":
      return `held: ${f.repository} has ${prs(f.count)} open (cap ${f.cap})`;
    case "wave":
      return `held: ${f.wave === 0 ? "the canary wave" : `wave ${f.wave}`} of campaign ${f.campaign} has ${prs(f.count)} open (cap ${f.cap})`;
    case "schedule":
      return `held: campaign ${f.campaign} publishes only inside its schedule windows (${f.timezone})${f.nextLocal ? `; the next opens at ${f.nextLocal}` : ""}`;
  }
}
