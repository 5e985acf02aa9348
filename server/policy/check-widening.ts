// Lower levels may only restrict. Evaluation is most-restrictive-wins anyway, except for one hole:
// an allow at a lower level satisfies "some rule allows it" for an action a higher level leaves
// implicitly denied. So a set is rejected when a lower document's allow is not covered by a higher
// allow, collides with a higher deny, or when its governance loosens a higher level's.
// CEL implication is undecidable in general; the check is deliberately conservative and accepts a
// lower condition only when it is absent upstream, identical, or the upstream condition "&& more".
import { AUTONOMY_LEVELS, EGRESS_PROFILES, LEVELS, type Governance, type PolicyDocument, type Rule } from "./document-schema";
import { parseHostRules, ruleCovered } from "../sandbox/egress-rules";

export type WideningProblem = { policy: string; rule?: string; message: string };

type Placed = { doc: PolicyDocument; rank: number };

const actionsOverlap = (a: Rule, b: Rule) =>
  a.match.actions.some((x) => x === "*" || b.match.actions.includes(x) || b.match.actions.includes("*"));

const resourcesOverlap = (a: Rule, b: Rule) =>
  !a.match.resources || !b.match.resources || a.match.resources.some((k) => k === "*" || b.match.resources!.includes(k) || b.match.resources!.includes("*"));

/** Does the higher rule match at least everything the lower one does (for the lower's actions)? */
function covers(higher: Rule, lower: Rule, action: string): boolean {
  if (!higher.match.actions.includes(action) && !higher.match.actions.includes("*")) return false;
  const hr = higher.match.resources;
  if (hr && !hr.includes("*")) {
    const lr = lower.match.resources;
    if (!lr || !lr.every((k) => hr.includes(k))) return false;
  }
  return conditionNarrows(higher.when, lower.when);
}

function conditionNarrows(higher: string | undefined, lower: string | undefined): boolean {
  if (higher === undefined) return true;
  if (lower === undefined) return false;
  const h = higher.trim();
  const l = lower.trim();
  return l === h || l.startsWith(`(${h}) &&`) || l.startsWith(`${h} &&`);
}

export function checkWidening(documents: readonly PolicyDocument[]): WideningProblem[] {
  const placed: Placed[] = documents.map((doc) => ({ doc, rank: LEVELS.indexOf(doc.metadata.level) }));
  const problems: WideningProblem[] = [];
  for (const lower of placed) {
    const higher = placed.filter((p) => p.rank < lower.rank);
    if (higher.length === 0) continue;
    const name = lower.doc.metadata.name;
    for (const rule of lower.doc.rules.filter((r) => r.effect === "allow")) {
      for (const h of higher) {
        for (const deny of h.doc.rules.filter((r) => r.effect === "deny")) {
          // An unconditional allow claims the deny's cases too; a conditional one conflicts when the deny
          // covers all of it.
          const claims = rule.when === undefined || conditionNarrows(deny.when, rule.when);
          if (actionsOverlap(rule, deny) && resourcesOverlap(rule, deny) && claims) {
            problems.push({ policy: name, rule: rule.id, message: `allow rule ${rule.id} conflicts with ${h.doc.metadata.level} policy ${h.doc.metadata.name} deny rule ${deny.id}` });
          }
        }
      }
      for (const action of rule.match.actions) {
        const covered = higher.some((h) => h.doc.rules.some((r) => r.effect === "allow" && covers(r, rule, action)));
        if (!covered) {
          problems.push({ policy: name, rule: rule.id, message: `allow rule ${rule.id} widens ${action}: no higher-level allow rule covers it (a higher level denies it implicitly)` });
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
    for (const k of ["max_files_changed", "max_lines_changed", "max_prs_per_wave"] as const) {
      const mine = g.limits?.[k];
      const theirs = hg.limits?.[k];
      if (mine !== undefined && theirs !== undefined && mine > theirs) problem(`limits.${k}`, h, `${mine} is higher`);
    }
  }
  return out;
}
