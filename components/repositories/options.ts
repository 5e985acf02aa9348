import type { Option } from "../ui/select-field";
import type { TeamView } from "./types";

export const tierOptions = (tiers: readonly string[]): Option[] => tiers.map((t) => ({ value: t, label: t }));

/** The owning-team choices of a repository form: none, or one of the tenant's teams. */
export const teamOptions = (teams: TeamView[]): Option[] => [{ value: "", label: "No team" }, ...teams.map((t) => ({ value: t.id, label: t.name }))];
