// The shape of a policy document, validated strictly: an unknown key is a typo that would otherwise
// silently change what a policy means, so it is rejected.
import { z } from "zod";
import { TENANT_ROLES } from "../authz/roles";
import { parseHostRule } from "./egress-rules";

export const LEVELS = ["platform", "tenant", "team", "repository", "campaign", "task"] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Levels below the tenant apply to one team, repository, campaign or task, named by metadata.target
 * and matched against the decision input's context attribute of the same name.
 */
export const TARGETED_LEVELS = ["team", "repository", "campaign", "task"] as const satisfies readonly Level[];
export const isTargeted = (l: Level): l is (typeof TARGETED_LEVELS)[number] => (TARGETED_LEVELS as readonly string[]).includes(l);

/** Least to most autonomous; a lower level may only lower the maximum. */
export const AUTONOMY_LEVELS = [
  "analysis_only", "dry_run_patch", "local_branch", "draft_pr", "supervised_pr", "autonomous_pr", "fleet_campaign",
] as const;

/** At or above this risk score (0-10) a PR needs human review, unless a policy sets it lower (seed document 001). */
export const DEFAULT_RISK_THRESHOLD = 7.0;

/** The most follow-up runs a policy may allow on one changeset; with no level saying, one. */
export const MAX_FOLLOW_UPS = 10;
export const DEFAULT_FOLLOW_UPS = 1;
/** Post-merge health watches a merged agent PR's default-branch checks this long when no level says (minutes). */
export const DEFAULT_POST_MERGE_SOAK_MINUTES = 60;
export const MAX_POST_MERGE_SOAK_MINUTES = 10_080;

/** Most to least restrictive network egress. */
export const EGRESS_PROFILES = ["none", "package_registries", "allowlist", "open"] as const;

export const EFFECTS = ["allow", "deny", "require_approval"] as const;
export type Effect = (typeof EFFECTS)[number];

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, '.', '_' or '-'");
const nonEmpty = z.string().trim().min(1);

export const ZRule = z.strictObject({
  id,
  description: nonEmpty.optional(),
  match: z.strictObject({
    // "*" matches every action; indexed separately so a decision still touches few rules.
    actions: z.array(nonEmpty).min(1),
    resources: z.array(nonEmpty).min(1).optional(),
  }),
  when: nonEmpty.optional(),
  effect: z.enum(EFFECTS),
  reason: nonEmpty,
});
export type Rule = z.infer<typeof ZRule>;

const count = z.int().nonnegative();

const cap = (what: string) => z.int(`${what} must be a whole number`).min(1, `${what} must be at least 1 (leave it out for no cap at this level)`).max(100_000);

/**
 * PR-storm caps on agent PRs (server/github/caps/); every level may only lower them. prs_per_hour is the
 * tenant's one budget (a token bucket: rate per hour, burst at once), so only the platform and tenant
 * levels set it; the others apply where their level applies (a team's document to that team's PRs).
 */
export const ZPublishingCaps = z.strictObject({
  prs_per_hour: z.strictObject({ rate: cap("prs_per_hour.rate"), burst: cap("prs_per_hour.burst") }).optional(),
  /** Open agent PRs (drafts too) per owning team. */
  open_per_team: cap("open_per_team").optional(),
  /** Agent PRs in a team's review queue: open, not a draft, not approved. */
  awaiting_review_per_team: cap("awaiting_review_per_team").optional(),
  /** Open agent PRs per repository. */
  per_repository: cap("per_repository").optional(),
});

const hostRule = z.string().superRefine((v, ctx) => {
  const r = parseHostRule(v);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.problem });
});

export const ZGovernance = z.strictObject({
  autonomy_max: z.enum(AUTONOMY_LEVELS).optional(),
  allowed_change_classes: z.array(nonEmpty).optional(),
  forbidden_paths: z.array(nonEmpty).optional(),
  /**
   * change class -> the paths of this document's forbidden_paths a run of that class may change once its
   * start is approved (the class exists to change them: ci_workflow_change and .github/workflows/**).
   * It lifts only this document's own prohibition, so no level can lift another's.
   */
  forbidden_path_exemptions: z.record(id, z.array(nonEmpty).min(1)).optional(),
  required_verifiers: z.array(nonEmpty).optional(),
  approval: z.strictObject({ required_for: z.array(nonEmpty) }).optional(),
  egress_profile: z.enum(EGRESS_PROFILES).optional(),
  /** Hosts the allowlist profile adds to the package registries; lower levels only narrow. */
  egress_allowlist: z.array(hostRule).min(1).max(200).optional(),
  limits: z
    .strictObject({ max_files_changed: count.optional(), max_lines_changed: count.optional(), max_prs_per_wave: count.optional() })
    .optional(),
  /** How a run's change reaches its repository (server/github/publish/). */
  publishing: z.strictObject({
    /** At or above this risk score a PR needs a human's review and never merges automatically; levels keep the lowest. */
    risk_threshold: z.number().min(0).max(10).optional(),
    /** The classes autonomous_pr may open without prior approval; levels keep what they all list. None listed: none. */
    autonomous_classes: z.array(nonEmpty).optional(),
    /**
     * Fleetgate does not turn on the code host's auto-merge: GitHub enables it only through GraphQL, which
     * Fleetgate does not speak yet. Only `false` is accepted, so no policy claims a behaviour that is not there.
     */
    auto_merge: z.literal(false, { message: "Fleetgate does not turn on auto-merge yet (GitHub enables it only through GraphQL): only false is accepted" }).optional(),
    /** A base that moved since the run means a new attempt, even when the patch still applies. Any level may ask. */
    require_up_to_date_base: z.boolean().optional(),
    /**
     * May a reviewer's in-scope feedback on an agent's PR start a follow-up run of its task
     * (server/github/follow-ups/)? Every level must say yes; levels keep the lowest maximum.
     */
    follow_up_on_review: z.strictObject({
      enabled: z.boolean().optional(),
      /** Follow-up runs per changeset, all reviewers together. */
      max_per_changeset: z.int().min(0).max(MAX_FOLLOW_UPS).optional(),
    }).optional(),
    /**
     * Post-merge health (server/github/health/): how long after an agent PR merges its merge commit's checks
     * on the default branch are watched. Levels keep the longest; a campaign's gates.soakMinutes may lengthen it.
     */
    post_merge_soak_minutes: z.int().min(0).max(MAX_POST_MERGE_SOAK_MINUTES, "at most a week (10080 minutes)").optional(),
    /**
     * May Fleetgate open a revert PR on its own when a merge it made broke the default branch's checks? Every
     * level that speaks must say yes (none: no); otherwise a person is asked (approval kind changeset_revert).
     */
    auto_revert: z.boolean().optional(),
    caps: ZPublishingCaps.optional(),
  }).optional(),
}).superRefine((g, ctx) => {
  for (const [changeClass, paths] of Object.entries(g.forbidden_path_exemptions ?? {})) {
    const at = ["forbidden_path_exemptions", changeClass];
    paths.forEach((p, i) => {
      if (!g.forbidden_paths?.includes(p)) ctx.addIssue({ code: "custom", path: [...at, i], message: `${p} is not in this document's forbidden_paths; an exemption lifts only its own document's prohibition` });
    });
    if (!g.approval?.required_for.includes(changeClass)) {
      ctx.addIssue({ code: "custom", path: at, message: `${changeClass} must be in approval.required_for: exempted paths are changed only after an approval` });
    }
  }
});
export type Governance = z.infer<typeof ZGovernance>;

// Who must approve a kind of request. `require` is either `all` (every threshold met, each by
// different people) or `any` of such groups. Levels combine with AND, so a lower level only adds.
const ZThreshold = z.strictObject({
  approvals: z.int().min(1).max(10),
  from: z
    .strictObject({ roles: z.array(z.enum([...TENANT_ROLES, "platform_admin"])).min(1).optional(), teams: z.array(nonEmpty).min(1).optional() })
    .refine((f) => f.roles || f.teams, "name the roles or teams approvals come from"),
});
export type Threshold = z.infer<typeof ZThreshold>;
const ZAllOf = z.strictObject({ all: z.array(ZThreshold).min(1).max(5) });

export const ZApprovalRule = z.strictObject({
  kind: id,
  description: nonEmpty.optional(),
  require: z.union([ZAllOf, z.strictObject({ any: z.array(ZAllOf).min(1).max(5) })]),
  /** Deny votes that reject the request (default 1). */
  denials: z.int().min(1).max(10).optional(),
  reason: z.strictObject({ approve: z.enum(["optional", "required"]).optional(), deny: z.enum(["optional", "required"]).optional() }).optional(),
  /** How long a request waits: 30m, 1h, 7d. */
  expires_in: z.string().regex(/^[1-9][0-9]{0,3}[mhd]$/, "a duration such as 30m, 1h or 7d").optional(),
});
export type ApprovalRule = z.infer<typeof ZApprovalRule>;

export const ZPolicyDocument = z
  .strictObject({
    apiVersion: z.literal("fleetgate/v1"),
    kind: z.literal("Policy"),
    metadata: z.strictObject({ name: id, level: z.enum(LEVELS), target: nonEmpty.optional(), description: nonEmpty.optional() }),
    rules: z.array(ZRule),
    governance: ZGovernance.optional(),
    approvals: z.array(ZApprovalRule).optional(),
  })
  .superRefine((doc, ctx) => {
    const { level, target } = doc.metadata;
    if (isTargeted(level) && target === undefined) {
      ctx.addIssue({ code: "custom", path: ["metadata", "target"], message: `a ${level} policy names the ${level} it applies to` });
    }
    if (!isTargeted(level) && target !== undefined) {
      ctx.addIssue({ code: "custom", path: ["metadata", "target"], message: `a ${level} policy applies to the whole ${level}; remove target` });
    }
    if (isTargeted(level) && doc.governance?.publishing?.caps?.prs_per_hour) {
      ctx.addIssue({ code: "custom", path: ["governance", "publishing", "caps", "prs_per_hour"], message: `the hourly PR budget is the tenant's: set it at the platform or tenant level, not in a ${level} policy (a campaign paces itself with its spec's caps.prsPerHour)` });
    }
    const kinds = new Set<string>();
    doc.approvals?.forEach((a, i) => {
      if (kinds.has(a.kind)) ctx.addIssue({ code: "custom", path: ["approvals", i, "kind"], message: `a second approval rule for kind "${a.kind}"` });
      kinds.add(a.kind);
    });
    const seen = new Set<string>();
    doc.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `duplicate rule id "${r.id}"` });
      seen.add(r.id);
    });
  });
export type PolicyDocument = z.infer<typeof ZPolicyDocument>;
