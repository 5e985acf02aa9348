// The New campaign form's values (strings, as inputs hold them) and the spec they become, both ways,
// and where the server's field errors land. Pure, so the form, its YAML tab and the tests share it.
// A value the form cannot parse is sent as typed: the server names the field that is wrong.

export const RISK_TIERS = ["low", "standard", "high", "regulated", "critical"] as const;
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const GATES = [
  ["runFailureRate", "Run failure rate"], ["verifierFailureRate", "Verifier failure rate"], ["ciFailureRate", "CI failure rate"],
  ["closedWithoutMergeRate", "Closed without merge"], ["revertRate", "Revert rate"], ["reviewVetoRate", "Review veto rate"],
] as const;
export const CAPS = [
  ["prsPerHour", "PRs per hour"], ["burst", "Burst"], ["openPerTeam", "Open per team"], ["awaitingReviewPerTeam", "Awaiting review per team"],
  ["perRepository", "Per repository"], ["perWave", "Per wave"],
] as const;

type GateKey = (typeof GATES)[number][0];
type CapKey = (typeof CAPS)[number][0];

export type SpecForm = {
  name: string; description: string;
  taskClass: string; instruction: string; agentKind: "recipe" | "model"; recipe: string; detection: string;
  teams: string[]; riskTiers: string[]; namePattern: string; repositories: string; exclude: string;
  autonomy: string; verifierProfile: string;
  canary: string; sizes: string;
  soakMinutes: string; promotionApproval: boolean;
  timezone: string; days: string[]; start: string; end: string;
} & Record<GateKey, string> & Record<CapKey, string>;

export const EMPTY_RECIPE = "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: my-change, description: What it changes }\nsteps:\n  - write: { path: CHANGELOG.md, content: \"...\" }\n";

export const emptyForm = (): SpecForm => ({
  name: "", description: "", taskClass: "dependency_patch_minor", instruction: "", agentKind: "recipe", recipe: EMPTY_RECIPE, detection: "",
  teams: [], riskTiers: ["low", "standard"], namePattern: "", repositories: "", exclude: "",
  autonomy: "draft_pr", verifierProfile: "", canary: "2", sizes: "25%, 100%",
  soakMinutes: "", promotionApproval: false, timezone: "", days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00",
  ...Object.fromEntries([...GATES, ...CAPS].map(([k]) => [k, ""])) as Record<GateKey | CapKey, string>,
});

const lines = (s: string) => s.split(/[\n,]/).map((x) => x.trim()).filter(Boolean);
/** A number when the text is one, the text itself otherwise (the server says what is wrong with it). */
const num = (s: string): number | string => (s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : s.trim());
const some = (o: Record<string, unknown>) => (Object.values(o).some((v) => v !== undefined) ? o : undefined);
const given = (s: string) => (s.trim() ? num(s) : undefined);

export function formToSpec(f: SpecForm): Record<string, unknown> {
  const gates = some({ ...Object.fromEntries(GATES.map(([k]) => [k, given(f[k])])), soakMinutes: given(f.soakMinutes), promotionApproval: f.promotionApproval || undefined });
  const caps = some({
    prsPerHour: f.prsPerHour.trim() || f.burst.trim() ? { rate: num(f.prsPerHour), burst: num(f.burst || f.prsPerHour) } : undefined,
    ...Object.fromEntries(CAPS.slice(2).map(([k]) => [k, given(f[k])])),
  });
  const spec: Record<string, unknown> = {
    name: f.name.trim(),
    ...(f.description.trim() ? { description: f.description.trim() } : {}),
    change: { taskClass: f.taskClass, instruction: f.instruction, agent: f.agentKind === "recipe" ? { kind: "recipe", recipe: f.recipe } : { kind: "model" } },
    ...(f.detection.trim() ? { detection: { argv: f.detection.split("\n").map((a) => a.trim()).filter(Boolean) } } : {}),
    targets: {
      ...(f.teams.length ? { teams: f.teams } : {}), ...(f.riskTiers.length ? { riskTiers: f.riskTiers } : {}),
      ...(f.namePattern.trim() ? { namePattern: f.namePattern.trim() } : {}),
      ...(lines(f.repositories).length ? { repositories: lines(f.repositories) } : {}), ...(lines(f.exclude).length ? { exclude: lines(f.exclude) } : {}),
    },
    autonomy: f.autonomy,
    ...(f.verifierProfile.trim() ? { verifierProfile: f.verifierProfile.trim() } : {}),
    waves: { canary: num(f.canary), sizes: lines(f.sizes).map((s) => (s.endsWith("%") ? s : num(s))) },
  };
  if (gates) spec.gates = Object.fromEntries(Object.entries(gates).filter(([, v]) => v !== undefined));
  if (f.timezone.trim()) spec.schedule = { timezone: f.timezone.trim(), windows: [{ days: f.days, start: f.start, end: f.end }] };
  if (caps) spec.caps = Object.fromEntries(Object.entries(caps).filter(([, v]) => v !== undefined));
  return spec;
}

type Spec = {
  name?: string; description?: string; autonomy?: string; verifierProfile?: string;
  change?: { taskClass?: string; instruction?: string; agent?: { kind?: string; recipe?: string } };
  detection?: { argv?: string[] };
  targets?: { teams?: string[]; riskTiers?: string[]; namePattern?: string; repositories?: string[]; exclude?: string[] };
  waves?: { canary?: number; sizes?: (number | string)[] };
  gates?: Record<string, unknown>;
  schedule?: { timezone?: string; windows?: { days?: string[]; start?: string; end?: string }[] };
  caps?: Record<string, unknown> & { prsPerHour?: { rate?: number; burst?: number } };
};
const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** A spec (from YAML) as the form's values; null when the form cannot hold it all (more than one window). */
export function specToForm(raw: unknown): SpecForm | null {
  if (!raw || typeof raw !== "object") return null;
  const s = raw as Spec;
  if ((s.schedule?.windows?.length ?? 0) > 1) return null;
  const w = s.schedule?.windows?.[0];
  const base = emptyForm();
  return {
    ...base,
    name: str(s.name), description: str(s.description), taskClass: s.change?.taskClass ?? base.taskClass, instruction: str(s.change?.instruction),
    agentKind: s.change?.agent?.kind === "model" ? "model" : "recipe", recipe: s.change?.agent?.recipe ?? base.recipe, detection: (s.detection?.argv ?? []).join("\n"),
    teams: s.targets?.teams ?? [], riskTiers: s.targets?.riskTiers ?? [], namePattern: str(s.targets?.namePattern),
    repositories: (s.targets?.repositories ?? []).join("\n"), exclude: (s.targets?.exclude ?? []).join("\n"),
    autonomy: s.autonomy ?? base.autonomy, verifierProfile: str(s.verifierProfile), canary: str(s.waves?.canary), sizes: (s.waves?.sizes ?? []).join(", "),
    ...Object.fromEntries(GATES.map(([k]) => [k, str(s.gates?.[k])])), soakMinutes: str(s.gates?.soakMinutes), promotionApproval: s.gates?.promotionApproval === true,
    timezone: str(s.schedule?.timezone), days: w?.days ?? base.days, start: w?.start ?? base.start, end: w?.end ?? base.end,
    prsPerHour: str(s.caps?.prsPerHour?.rate), burst: str(s.caps?.prsPerHour?.burst),
    ...Object.fromEntries(CAPS.slice(2).map(([k]) => [k, str(s.caps?.[k])])),
  } as SpecForm;
}

// The spec's field paths (after body.spec.) onto the form's fields; the longest prefix wins.
const FIELD_OF: [string, keyof SpecForm][] = [
  ["name", "name"], ["description", "description"], ["change.taskClass", "taskClass"], ["change.instruction", "instruction"],
  ["change.agent.recipe", "recipe"], ["change.agent", "agentKind"], ["detection", "detection"],
  ["targets.teams", "teams"], ["targets.riskTiers", "riskTiers"], ["targets.namePattern", "namePattern"], ["targets.repositories", "repositories"],
  ["targets.exclude", "exclude"], ["targets", "teams"], ["autonomy", "autonomy"], ["verifierProfile", "verifierProfile"],
  ["waves.canary", "canary"], ["waves", "sizes"], ["gates.soakMinutes", "soakMinutes"], ...GATES.map(([k]) => [`gates.${k}`, k] as [string, keyof SpecForm]),
  ["schedule.timezone", "timezone"], ["schedule.windows", "days"], ["schedule", "timezone"],
  ["caps.prsPerHour.burst", "burst"], ["caps.prsPerHour", "prsPerHour"], ...CAPS.slice(2).map(([k]) => [`caps.${k}`, k] as [string, keyof SpecForm]),
];

/** The form field a server issue is about (null: show it above the form). */
export function fieldOfIssue(path: string): keyof SpecForm | null {
  const p = path.replace(/^body\.(spec|yaml)\.?/, "");
  let best: [string, keyof SpecForm] | null = null;
  for (const e of FIELD_OF) if ((p === e[0] || p.startsWith(`${e[0]}.`)) && (!best || e[0].length > best[0].length)) best = e;
  return best?.[1] ?? null;
}
