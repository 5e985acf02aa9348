// The campaigns list's filters as they live in the URL, and the API query they become. Shared by the
// server render and the browser, so both ask for the same page.
import { defineUrlFilter, oneOf, text, token } from "../ui/url-filter";
import { CAMPAIGN_STATES } from "./labels";

export const campaignFilter = defineUrlFilter({
  state: oneOf(CAMPAIGN_STATES),
  owner: text(200),
  q: text(100),
  after: token,
});
export type CampaignListFilter = typeof campaignFilter.defaults;

export const PAGE_SIZE = 25;

export function campaignApiQuery(f: CampaignListFilter): Record<string, string | number> {
  const q: Record<string, string | number> = { limit: PAGE_SIZE };
  for (const [k, v] of Object.entries(f)) if (v) q[k] = v;
  return q;
}

export const hasFilters = (f: CampaignListFilter) => Boolean(f.state || f.owner || f.q);
