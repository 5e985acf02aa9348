import { Check } from "lucide-react";
import { Badge, type Tone } from "../ui/badge";
import { cn } from "../ui/cn";
import { plural } from "../ui/format";
import { ProportionBar } from "../ui/proportion-bar";
import { formatSpan } from "../ui/time";
import { withoutVerdict } from "../policy/without-verdict";
import { roleLabel } from "./labels";
import type { ApprovalDetail, Threshold } from "./types";

type MatchedRule = { policy: string; version: string; rule: string; effect: string };
type Decision = { decision: string; explanation?: string; matchedRules?: MatchedRule[]; decidingRule?: MatchedRule };

const EFFECT_TONE: Record<string, Tone> = { allow: "green", deny: "red", require_approval: "amber" };

function asDecision(v: unknown): Decision | null {
  if (!v || typeof v !== "object" || typeof (v as Decision).decision !== "string") return null;
  const d = v as Decision;
  return { ...d, matchedRules: Array.isArray(d.matchedRules) ? d.matchedRules.filter((r) => r && typeof r.rule === "string") : [] };
}

export const thresholdFrom = (t: Threshold) =>
  [...(t.from.roles ?? []).map(roleLabel), ...(t.from.teams ?? []).map((x) => `team ${x}`)].join(" or ") || "nobody";

/** Why a person must decide: the policy's decision and rules, and the approval rule with how far it is met. */
export function WhyPanel({ detail }: { detail: ApprovalDetail }) {
  const decision = asDecision(detail.policyDecision);
  const { rule, progress } = detail;
  const reasons = [
    rule.reason.deny === "required" ? "a reason is required to deny" : "a reason is optional to deny",
    rule.reason.approve === "required" ? "required to approve" : "optional to approve",
  ].join(", ");
  return (
    <div className="space-y-4 text-sm">
      <div>
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">The policy</h3>
        {decision ? (
          <div className="mt-1 space-y-2">
            <p className="text-slate-900">
              Decided <Badge tone={EFFECT_TONE[decision.decision] ?? "neutral"}>{decision.decision.replaceAll("_", " ")}</Badge>
              {decision.explanation ? <>: {withoutVerdict(decision.explanation)}</> : null}
            </p>
            {decision.matchedRules!.length ? (
              <ol aria-label="Matched rules in order" className="space-y-1">
                {decision.matchedRules!.map((r, i) => {
                  const deciding = decision.decidingRule && decision.decidingRule.rule === r.rule && decision.decidingRule.policy === r.policy;
                  return (
                    <li key={i} className={cn("flex flex-wrap items-center gap-1.5 rounded border px-2 py-1 text-xs", deciding ? "border-amber-300 bg-amber-50" : "border-slate-200")}>
                      <code className="font-mono text-slate-900">{r.policy} / {r.version} / {r.rule}</code>
                      <Badge tone={EFFECT_TONE[r.effect] ?? "neutral"}>{r.effect.replaceAll("_", " ")}</Badge>
                      {deciding ? <span className="font-medium text-amber-900">decides</span> : null}
                    </li>
                  );
                })}
              </ol>
            ) : null}
          </div>
        ) : (
          <p className="mt-1 text-slate-700">
            {detail.kind.endsWith("policy_activation")
              ? "Activating a policy version always needs another person's approval: no single admin changes what agents may do."
              : "This request was raised without a recorded policy decision."}
          </p>
        )}
      </div>

      <div>
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">The approval rule</h3>
        <p className="mt-1 text-slate-900">Needs {rule.description}.</p>
        <p className="mt-0.5 text-xs text-slate-700">
          {plural(rule.denials, "denial")} {rule.denials === 1 ? "rejects" : "reject"} it; {reasons}; requests wait {formatSpan(rule.expiresInMs)}.
        </p>
        <ul aria-label="Where the rule comes from" className="mt-1.5 flex flex-wrap gap-1">
          {rule.sources.map((s) => <li key={s}><code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{s}</code></li>)}
        </ul>
      </div>

      <div>
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Progress</h3>
        <ol aria-label="Thresholds and approvals so far" className="mt-1.5 space-y-2">
          {rule.alternatives.map((alt, i) => (
            <li key={i}>
              {i > 0 ? <p className="mb-1 text-xs font-medium text-slate-600">or</p> : null}
              <ul className={cn("space-y-1.5", rule.alternatives.length > 1 && "rounded border border-slate-200 p-2")}>
                {alt.map((t, j) => {
                  const met = progress[i]?.[j]?.met ?? 0;
                  const done = met >= t.approvals;
                  return (
                    <li key={j}>
                      <div className="flex items-center justify-between gap-2 text-xs">
                        <span className="text-slate-800">{j > 0 ? "and " : ""}{plural(t.approvals, "approval")} from {thresholdFrom(t)}</span>
                        <span className={cn("inline-flex items-center gap-1 font-semibold tabular-nums", done ? "text-emerald-800" : "text-slate-900")}>
                          {done ? <Check aria-hidden="true" className="size-3.5" /> : null}
                          {Math.min(met, t.approvals)} of {t.approvals}
                        </span>
                      </div>
                      <ProportionBar className="mt-1 h-1.5 bg-slate-200" total={Math.max(1, t.approvals)} segments={[{ key: "met", value: met, className: done ? "fill-emerald-600" : "fill-indigo-600" }]} />
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ol>
        {detail.denials ? <p className="mt-1.5 text-xs font-medium text-red-800">{plural(detail.denials, "denial")} of {rule.denials} needed to reject</p> : null}
      </div>
    </div>
  );
}
