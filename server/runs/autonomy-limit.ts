// The highest autonomy a task may ask for on one repository and class: the lowest of every level's
// governance.autonomy_max and of what the policy's run.create rules allow there (a risk tier's limit
// is such a rule). Found by asking the policy itself, one level down at a time, so it is exact
// whatever the rules say, and named with what sets it. A retry at that level is admitted.
import { authorize } from "../authz/authorize";
import type { Scope } from "../authz/scope";
import { AUTONOMY_LEVELS } from "../policy/document-schema";
import type { EffectiveGovernance } from "../policy/effective-governance";
import { explanationCause } from "../policy/evaluate";

export type Autonomy = (typeof AUTONOMY_LEVELS)[number];
export type AutonomyLimit = { max: Autonomy; setBy: string };

/** null when the policy refuses the run at every autonomy: then autonomy is not what refuses it. */
export function autonomyLimit(
  scope: Scope, governance: EffectiveGovernance, resource: Record<string, unknown>, context: Record<string, unknown>,
): AutonomyLimit | null {
  let setBy = `${governance.autonomyMaxFrom ?? "the platform"} (governance.autonomy_max)`;
  for (let i = AUTONOMY_LEVELS.indexOf(governance.autonomyMax); i >= 0; i--) {
    const level = AUTONOMY_LEVELS[i]!;
    const d = authorize(scope, "run.create", resource, { ...context, autonomyLevel: level });
    if (d.effect !== "deny") return { max: level, setBy };
    setBy = d.record ? explanationCause(d.record.decision) : d.reasons[0]!;
  }
  return null;
}
