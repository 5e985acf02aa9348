// Lower levels may only restrict. Evaluation is most-restrictive-wins, so a lower allow never beats
// a higher deny or require_approval at run time, but it misleads whoever reads the policy, and an allow
// at a lower level does satisfy "some rule allows it" for what a higher level leaves implicitly
// denied. So a set is rejected when a lower document's allow may overlap a higher deny or
// require_approval, is not covered by a higher allow, or when its governance loosens a higher level's.
// CEL implication is undecidable in general: the check is sound and conservative. A rule is read with
// its scope (its document's target, its resource kinds and actions) and its condition; an allow is
// accepted beside a higher deny only when prove-disjoint.ts proves they never both hold, and counts as
// covered only when a higher allow's scope and condition are among its own conjuncts.
import { attributePath, conditionFormula, valuesAtom, type Formula } from "./condition-formula";
import { AUTONOMY_LEVELS, EGRESS_PROFILES, isTargeted, LEVELS, type Governance, type PolicyDocument, type Rule } from "./document-schema";
import { implies, mayOverlap } from "./prove-disjoint";
import { parseHostRules, ruleCovered } from "./egress-rules";

export type WideningProblem = { policy: string; rule?: string; message: string };

type Placed = { doc: PolicyDocument; rank: number };

/** When the rule applies and its condition holds, for the given actions (all of the rule's by default). */
function scopeOf(doc: PolicyDocument, rule: Rule, actions = rule.match.actions): Formula {
  const { level, target } = doc.metadata;
  const args: Formula[] = [];
  if (isTargeted(level) && target !== undefined) args.push(valuesAtom(attributePath("context", level), [target]));
  if (!actions.includes("*")) args.push(valuesAtom(attributePath("action"), actions));
  const kinds = rule.match.resources;
  if (kinds && !kinds.includes("*")) args.push(valuesAtom(attributePath("resource", "kind"), kinds));
  if (rule.when !== undefined) args.push(conditionFormula(rule.when));
  return { op: "and", args };
}

/**
 * A higher level's forbidden paths, read as the deny the boundary applies to every file write
 * (decide-input.ts): a lower allow of writes there misleads as much as one beside a deny rule.
 */
function forbiddenPathsRule(doc: PolicyDocument): Rule | null {
  const paths = doc.governance?.forbidden_paths;
  if (!paths?.length) return null;
  const list = paths.map((p) => `'${p.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`).join(", ");
  return {
    id: "governance.forbidden_paths", match: { actions: ["tool.file_write"], resources: ["file"] },
    when: `input.resource.path.matchesAnyGlob([${list}])`, effect: "deny", reason: "forbidden paths",
  };
}

const RESTRICTING = {
  deny: "a lower level may not allow what a higher one denies",
  require_approval: "a lower level may not allow without approval what a higher one asks approval for",
} as const;

export function checkWidening(documents: readonly PolicyDocument[]): WideningProblem[] {
  const placed: Placed[] = documents.map((doc) => ({ doc, rank: LEVELS.indexOf(doc.metadata.level) }));
  const problems: WideningProblem[] = [];
  for (const lower of placed) {
    const higher = placed.filter((p) => p.rank < lower.rank);
    if (higher.length === 0) continue;
    const { name, level } = lower.doc.metadata;
    for (const rule of lower.doc.rules.filter((r) => r.effect === "allow")) {
      const mine = scopeOf(lower.doc, rule);
      for (const h of higher) {
        const forbidden = forbiddenPathsRule(h.doc);
        for (const r of forbidden ? [...h.doc.rules, forbidden] : h.doc.rules) {
          if (r.effect === "allow" || !mayOverlap(mine, scopeOf(h.doc, r))) continue;
          const what = r === forbidden ? `governance.forbidden_paths (${h.doc.governance!.forbidden_paths!.join(", ")})` : `${r.effect} rule ${r.id}`;
          problems.push({
            policy: name, rule: rule.id,
            message: `${level} allow rule ${rule.id} conflicts with ${h.doc.metadata.level} policy ${h.doc.metadata.name} ${what}: `
              + `both may apply to the same input, and ${RESTRICTING[r.effect]} (make this rule's scope or condition provably exclude that rule's, e.g. with !(its condition))`,
          });
        }
      }
      for (const action of rule.match.actions) {
        const own = scopeOf(lower.doc, rule, [action]);
        const covered = higher.some((h) => h.doc.rules.some((r) => r.effect === "allow" && implies(own, scopeOf(h.doc, r))));
        if (!covered) {
          problems.push({
            policy: name, rule: rule.id,
            message: `${level} allow rule ${rule.id} widens ${action}: no higher-level allow rule covers it, so a higher level denies it implicitly `
              + `(a covering allow applies to this rule's target, resources and actions, and its condition is absent or one of this rule's && conjuncts)`,
          });
        }
      }
    }
    problems.push(...governanceWidening(lower, higher));
  }
  return problems;
}

function governanceWidening(lower: Placed, higher: Placed[]): WideningProblem[] {
  const g = lower.doc.governance;
  if (!g) return [];
  const out: WideningProblem[] = [];
  const name = lower.doc.metadata.name;
  const problem = (field: string, h: Placed, what: string) =>
    out.push({ policy: name, message: `governance.${field} ${what} than ${h.doc.metadata.level} policy ${h.doc.metadata.name} allows` });
  for (const h of higher) {
    const hg: Governance | undefined = h.doc.governance;
    if (!hg) continue;
    if (g.autonomy_max && hg.autonomy_max && AUTONOMY_LEVELS.indexOf(g.autonomy_max) > AUTONOMY_LEVELS.indexOf(hg.autonomy_max)) {
      problem("autonomy_max", h, `${g.autonomy_max} is higher`);
    }
    if (g.egress_profile && hg.egress_profile && EGRESS_PROFILES.indexOf(g.egress_profile) > EGRESS_PROFILES.indexOf(hg.egress_profile)) {
      problem("egress_profile", h, `${g.egress_profile} is more open`);
    }
    if (g.egress_allowlist && hg.egress_allowlist) {
      const outer = parseHostRules(hg.egress_allowlist);
      const extra = g.egress_allowlist.filter((t) => !ruleCovered(outer, parseHostRules([t])[0]!));
      if (extra.length) problem("egress_allowlist", h, `adds ${extra.join(", ")}: more hosts`);
    }
    // forbidden_paths, required_verifiers and approval.required_for add up across levels
    // (effective-governance.ts), so a lower level listing fewer of them loosens nothing.
    if (g.allowed_change_classes && hg.allowed_change_classes) {
      const extra = g.allowed_change_classes.filter((c) => !hg.allowed_change_classes!.includes(c));
      if (extra.length) problem("allowed_change_classes", h, `adds ${extra.join(", ")}: more change classes`);
    }
    const [mp, hp] = [g.publishing, hg.publishing];
    if (mp?.risk_threshold !== undefined && hp?.risk_threshold !== undefined && mp.risk_threshold > hp.risk_threshold) {
      problem("publishing.risk_threshold", h, `${mp.risk_threshold} is higher`);
    }
    if (mp?.autonomous_classes && hp?.autonomous_classes) {
      const extra = mp.autonomous_classes.filter((c) => !hp.autonomous_classes!.includes(c));
      if (extra.length) problem("publishing.autonomous_classes", h, `adds ${extra.join(", ")}: more autonomous classes`);
    }
    const [mf, hf] = [mp?.follow_up_on_review, hp?.follow_up_on_review];
    if (mf?.enabled === true && hf?.enabled === false) problem("publishing.follow_up_on_review.enabled", h, "turns follow-up runs on: more");
    if (mf?.max_per_changeset !== undefined && hf?.max_per_changeset !== undefined && mf.max_per_changeset > hf.max_per_changeset) {
      problem("publishing.follow_up_on_review.max_per_changeset", h, `${mf.max_per_changeset} is higher`);
    }
    if (mp?.post_merge_soak_minutes !== undefined && hp?.post_merge_soak_minutes !== undefined && mp.post_merge_soak_minutes < hp.post_merge_soak_minutes) {
      problem("publishing.post_merge_soak_minutes", h, `${mp.post_merge_soak_minutes} is shorter: less of the merge is watched`);
    }
    if (mp?.auto_revert === true && hp?.auto_revert === false) problem("publishing.auto_revert", h, "turns automatic revert PRs on: more");
    const [mc, hc] = [mp?.caps, hp?.caps];
    for (const k of ["open_per_team", "awaiting_review_per_team", "per_repository"] as const) {
      if (mc?.[k] !== undefined && hc?.[k] !== undefined && mc[k] > hc[k]) problem(`publishing.caps.${k}`, h, `${mc[k]} is higher`);
    }
    for (const k of ["rate", "burst"] as const) {
      const [mine, theirs] = [mc?.prs_per_hour?.[k], hc?.prs_per_hour?.[k]];
      if (mine !== undefined && theirs !== undefined && mine > theirs) problem(`publishing.caps.prs_per_hour.${k}`, h, `${mine} is higher`);
    }
    for (const k of ["max_files_changed", "max_lines_changed", "max_prs_per_wave"] as const) {
      const mine = g.limits?.[k];
      const theirs = hg.limits?.[k];
      if (mine !== undefined && theirs !== undefined && mine > theirs) problem(`limits.${k}`, h, `${mine} is higher`);
    }
  }
  return out;
}
