// Names for the keys the cost screens group by: teams, repositories and campaigns by their id (read
// within the tenant), task classes, models and kinds of work as they are. "" is "none" in a rollup.
import type { Tx } from "../db/client";
import type { CostGroup } from "./cost-filter";

export type Names = { team: Map<string, string>; repository: Map<string, string>; campaign: Map<string, string> };

export async function loadNames(tx: Tx, tenantId: string, ids: { team?: string[]; repository?: string[]; campaign?: string[] }): Promise<Names> {
  const want = (l?: string[]) => [...new Set((l ?? []).filter(Boolean))];
  const [teams, repos, campaigns] = await Promise.all([
    want(ids.team).length ? tx.team.findMany({ where: { tenantId, id: { in: want(ids.team) } }, select: { id: true, name: true } }) : [],
    want(ids.repository).length ? tx.repository.findMany({ where: { tenantId, id: { in: want(ids.repository) } }, select: { id: true, owner: true, name: true } }) : [],
    want(ids.campaign).length ? tx.campaign.findMany({ where: { tenantId, id: { in: want(ids.campaign) } }, select: { id: true, name: true } }) : [],
  ]);
  return {
    team: new Map(teams.map((t) => [t.id, t.name])),
    repository: new Map(repos.map((r) => [r.id, `${r.owner}/${r.name}`])),
    campaign: new Map(campaigns.map((c) => [c.id, c.name])),
  };
}

const NONE: Record<CostGroup, string> = {
  team: "(no team)", repository: "(no repository)", campaign: "(not in a campaign)", taskClass: "(no task class)", model: "(none)", kind: "(none)",
};
const KINDS: Record<string, string> = { model: "Model calls", sandbox: "Sandbox time", verifier: "Verifier time" };

/** The words for a key of a grouping; a team, repository or campaign removed since shows its id. */
export function keyLabel(group: CostGroup, key: string, names: Names): string {
  if (key === "") return NONE[group];
  if (group === "team" || group === "repository" || group === "campaign") return names[group].get(key) ?? `${key} (removed)`;
  if (group === "kind") return KINDS[key] ?? key;
  if (group === "model" && key.startsWith("#")) return KINDS[key.slice(1)] ?? key;
  if (group === "taskClass") return key.charAt(0).toUpperCase() + key.slice(1).replaceAll("_", " ");
  return key;
}
