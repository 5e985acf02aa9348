import { z } from "zod";
import { defineRoute, ZTenantParam } from "../http/define-route";
import { ZPrStorm, ZPrStormFilter } from "../pr-storm/pr-storm-view";

export const prStormRoute = defineRoute({
  id: "pr_storm.get", method: "GET", path: "/api/v1/tenants/{tenant}/pr-storm", tag: "pr-storm",
  summary: "The PR-storm dashboard: teams by pressure (open agent PRs, awaiting review and for how long, held and mostly why, stale), open PRs per team and repository over time, PRs opened per hour against the budget, merges and closes, held work by what holds it, and the stalest PRs; filtered by range, team, repository and campaign",
  permission: "changeset.read", params: z.object({ tenant: ZTenantParam }), query: ZPrStormFilter, response: ZPrStorm,
  example: { query: { range: "7d", staleDays: "5" } },
});
