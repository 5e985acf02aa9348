import type { Option } from "../ui/select-field";
import type { TeamView, VerifierProfileView } from "./types";

export const tierOptions = (tiers: readonly string[]): Option[] => tiers.map((t) => ({ value: t, label: t }));

/** The owning-team choices of a repository form: none, or one of the tenant's teams. */
export const teamOptions = (teams: TeamView[]): Option[] => [{ value: "", label: "No team" }, ...teams.map((t) => ({ value: t.id, label: t.name }))];

/**
 * The verifier-profile choices: the tenant's profiles, and the repository's own when the tenant no
 * longer has it (a GitHub sync names "none"; a profile may be gone), so the form shows what it names.
 */
export const profileOptions = (profiles: VerifierProfileView[], current?: string): Option[] => [
  ...(current && !profiles.some((p) => p.name === current) ? [{ value: current, label: `${current} (not a profile of this tenant: runs are refused)` }] : []),
  ...profiles.map((p) => ({ value: p.name, label: p.steps.length ? `${p.name} (${p.steps.map((s) => s.name).join(", ")})` : `${p.name} (no steps)` })),
];
