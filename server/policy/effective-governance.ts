// The governance that applies to one place (a repository, a campaign, a task): every applicable
// document's governance combined most-restrictively. Lists of prohibitions and requirements add
// up; lists of permissions and numeric ceilings narrow; profiles take the most closed.
import type { CompiledPolicySet } from "./compile";
import { AUTONOMY_LEVELS, DEFAULT_FOLLOW_UPS, DEFAULT_POST_MERGE_SOAK_MINUTES, DEFAULT_RISK_THRESHOLD, EGRESS_PROFILES, isTargeted, type Governance } from "./document-schema";

/** A forbidden pattern, the documents that forbid it, and the classes every one of them exempts (once approved). */
export type ForbiddenPath = { pattern: string; sources: string[]; exemptFor: string[] };

export type EffectiveGovernance = {
  autonomyMax: (typeof AUTONOMY_LEVELS)[number];
  /** The document whose governance.autonomy_max sets autonomyMax ("tenant policy acme"); null when none does. */
  autonomyMaxFrom: string | null;
  /** null: no level restricts change classes. */
  allowedChangeClasses: string[] | null;
  forbiddenPaths: ForbiddenPath[];
  /** change class -> the paths it exists to change (every level's forbidden_path_exemptions for it). */
  classPaths: Record<string, string[]>;
  requiredVerifiers: string[];
  approvalRequiredFor: string[];
  egressProfile: (typeof EGRESS_PROFILES)[number];
  /** Each contributing level's egress_allowlist; the allowlist profile allows what they all agree on. */
  egressAllowlists: string[][];
  limits: { maxFilesChanged: number | null; maxLinesChanged: number | null; maxPrsPerWave: number | null };
  publishing: {
    riskThreshold: number; autonomousClasses: string[]; requireUpToDateBase: boolean;
    /** Follow-up runs on review feedback: allowed only when every level that speaks says so (none: not allowed). */
    followUp: { enabled: boolean; maxPerChangeset: number };
    /** Post-merge health: the soak (the longest any level asks; the default when none does) and whether a revert PR opens without a person. */
    postMergeSoakMinutes: number;
    autoRevert: boolean;
    /** PR-storm caps, each the lowest any applicable level sets; null: no level caps it. */
    caps: PublishingCaps;
  };
  /** The documents that contributed, highest level first. */
  sources: string[];
};

export type PublishingCaps = {
  /** The tenant's budget: from the platform and tenant levels only (the schema refuses it lower). */
  prsPerHour: { rate: number; burst: number } | null;
  openPerTeam: number | null;
  awaitingReviewPerTeam: number | null;
  perRepository: number | null;
};

/** Where the decision happens: context.team, context.repository, ... select the targeted documents. */
export type Place = Partial<Record<"team" | "repository" | "campaign" | "task", string>>;

const union = (a: string[], b: readonly string[] | undefined) => (b ? [...new Set([...a, ...b])] : a);
const lower = (a: number | null, b: number | undefined) => (b === undefined ? a : a === null ? b : Math.min(a, b));

/** A pattern forbidden by several documents is lifted for a class only when every one of them exempts it. */
function addForbidden(out: ForbiddenPath[], name: string, g: Governance) {
  const exemptFor = (p: string) => Object.entries(g.forbidden_path_exemptions ?? {}).filter(([, ps]) => ps.includes(p)).map(([c]) => c);
  for (const pattern of g.forbidden_paths ?? []) {
    const known = out.find((f) => f.pattern === pattern);
    if (!known) out.push({ pattern, sources: [name], exemptFor: exemptFor(pattern) });
    else if (!known.sources.includes(name)) {
      const mine = exemptFor(pattern);
      known.sources.push(name);
      known.exemptFor = known.exemptFor.filter((c) => mine.includes(c));
    }
  }
}

export function effectiveGovernance(set: CompiledPolicySet, place: Place): EffectiveGovernance {
  const out: EffectiveGovernance = {
    autonomyMax: AUTONOMY_LEVELS.at(-1)!, autonomyMaxFrom: null, allowedChangeClasses: null, forbiddenPaths: [], classPaths: {}, requiredVerifiers: [],
    approvalRequiredFor: [], egressProfile: EGRESS_PROFILES.at(-1)!, egressAllowlists: [],
    limits: { maxFilesChanged: null, maxLinesChanged: null, maxPrsPerWave: null }, sources: [],
    publishing: {
      riskThreshold: DEFAULT_RISK_THRESHOLD, autonomousClasses: [], requireUpToDateBase: false, followUp: { enabled: false, maxPerChangeset: 0 },
      postMergeSoakMinutes: DEFAULT_POST_MERGE_SOAK_MINUTES, autoRevert: false,
      caps: { prsPerHour: null, openPerTeam: null, awaitingReviewPerTeam: null, perRepository: null },
    },
  };
  let autonomous: string[] | null = null;
  let soak: number | null = null;
  let autoRevert: boolean | null = null;
  let followUps: boolean | null = null;
  let followUpMax: number | null = null;
  for (const { document } of set.documents) {
    const { level, target, name } = document.metadata;
    const g: Governance | undefined = document.governance;
    if (!g || (isTargeted(level) && place[level] !== target)) continue;
    out.sources.push(name);
    if (g.autonomy_max && AUTONOMY_LEVELS.indexOf(g.autonomy_max) < AUTONOMY_LEVELS.indexOf(out.autonomyMax)) {
      out.autonomyMax = g.autonomy_max;
      out.autonomyMaxFrom = `${level} policy ${name}`;
    }
    if (g.allowed_change_classes) {
      out.allowedChangeClasses = out.allowedChangeClasses ? out.allowedChangeClasses.filter((c) => g.allowed_change_classes!.includes(c)) : [...g.allowed_change_classes];
    }
    addForbidden(out.forbiddenPaths, name, g);
    for (const [c, paths] of Object.entries(g.forbidden_path_exemptions ?? {})) out.classPaths[c] = union(out.classPaths[c] ?? [], paths);
    out.requiredVerifiers = union(out.requiredVerifiers, g.required_verifiers);
    out.approvalRequiredFor = union(out.approvalRequiredFor, g.approval?.required_for);
    if (g.egress_profile && EGRESS_PROFILES.indexOf(g.egress_profile) < EGRESS_PROFILES.indexOf(out.egressProfile)) out.egressProfile = g.egress_profile;
    if (g.egress_allowlist) out.egressAllowlists.push(g.egress_allowlist);
    out.limits = {
      maxFilesChanged: lower(out.limits.maxFilesChanged, g.limits?.max_files_changed),
      maxLinesChanged: lower(out.limits.maxLinesChanged, g.limits?.max_lines_changed),
      maxPrsPerWave: lower(out.limits.maxPrsPerWave, g.limits?.max_prs_per_wave),
    };
    const p = g.publishing;
    if (p?.risk_threshold !== undefined) out.publishing.riskThreshold = Math.min(out.publishing.riskThreshold, p.risk_threshold);
    if (p?.autonomous_classes) autonomous = autonomous ? autonomous.filter((c) => p.autonomous_classes!.includes(c)) : [...p.autonomous_classes];
    if (p?.require_up_to_date_base) out.publishing.requireUpToDateBase = true;
    const f = p?.follow_up_on_review;
    if (f?.enabled !== undefined) followUps = (followUps ?? true) && f.enabled;
    followUpMax = lower(followUpMax, f?.max_per_changeset);
    if (p?.post_merge_soak_minutes !== undefined) soak = Math.max(soak ?? 0, p.post_merge_soak_minutes);
    if (p?.auto_revert !== undefined) autoRevert = (autoRevert ?? true) && p.auto_revert;
    const c = p?.caps;
    if (c) {
      const caps = out.publishing.caps;
      if (c.prs_per_hour && !isTargeted(level)) {
        caps.prsPerHour = { rate: lower(caps.prsPerHour?.rate ?? null, c.prs_per_hour.rate)!, burst: lower(caps.prsPerHour?.burst ?? null, c.prs_per_hour.burst)! };
      }
      caps.openPerTeam = lower(caps.openPerTeam, c.open_per_team);
      caps.awaitingReviewPerTeam = lower(caps.awaitingReviewPerTeam, c.awaiting_review_per_team);
      caps.perRepository = lower(caps.perRepository, c.per_repository);
    }
  }
  out.publishing.postMergeSoakMinutes = soak ?? DEFAULT_POST_MERGE_SOAK_MINUTES;
  out.publishing.autoRevert = autoRevert ?? false;
  out.publishing.autonomousClasses = autonomous ?? [];
  const maxPerChangeset = followUpMax ?? DEFAULT_FOLLOW_UPS;
  out.publishing.followUp = { enabled: (followUps ?? false) && maxPerChangeset > 0, maxPerChangeset };
  return out;
}
