// What holds a changeset back (its holdKind, set by the PR-storm caps and schedule windows), in words.
const HOLDS: Record<string, string> = {
  tenant_budget: "the tenant's hourly PR budget",
  team_open: "the team's cap on open PRs",
  team_review: "the team's cap on PRs awaiting review",
  repository: "the repository's cap",
  wave: "the wave's cap",
  schedule: "outside the schedule window",
};

export const describeHold = (kind: string): string => HOLDS[kind] ?? kind.replaceAll("_", " ");
