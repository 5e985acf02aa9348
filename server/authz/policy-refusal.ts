// The error for an operation the policy refused: the verdict said once, then the deciding rule and
// its reason ("the policy denies this run: platform policy p rule r: reason"), the matched rules in details.
import { AppError } from "../core/app-error";
import { explanationCause } from "../policy/evaluate";
import type { Decision } from "./authorize";

export function policyRefusal(what: string, d: Decision): AppError {
  // Without a record no policy rule decided: the role's permissions did.
  if (!d.record) return new AppError("forbidden", `${what} is not allowed: ${d.reasons[0] ?? "no permission grants it"}`, { rules: d.rules });
  const verdict = d.effect === "require_approval" ? `the policy wants an approval for ${what}, which cannot be asked for here` : `the policy denies ${what}`;
  return new AppError("forbidden", `${verdict}: ${explanationCause(d.record.decision)}`, { rules: d.rules });
}
