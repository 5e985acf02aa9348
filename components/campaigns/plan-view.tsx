"use client";

import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { EligibilityBadge } from "./campaign-badges";
import { waveLabel } from "./labels";
import { LoadEstimateCard } from "./load-estimate";
import type { CampaignPreview } from "./types";

/** A preview: counts, waves, what needs approval, every target with its eligibility, wave and canary reason, then the load per team. */
export function PlanView({ plan }: { plan: CampaignPreview }) {
  return (
    <section aria-labelledby="plan-heading" className="space-y-4">
      <h2 id="plan-heading" className="text-base font-semibold text-slate-900">Preview</h2>
      <p className="text-sm text-slate-700">
        {plan.counts.targets} targets matched: <strong>{plan.counts.eligible} eligible</strong>, {plan.counts.excluded} excluded by the policy.
        {" "}Waves: {plan.waves.map((w) => `${waveLabel(w.index)} ${w.size}`).join(" → ") || "none"}.
        {plan.excludedBySpec.length ? ` Left out by the spec's exclusions: ${plan.excludedBySpec.join(", ")}.` : ""}
      </p>
      {plan.launchNeedsApproval ? (
        <Alert tone="warning" title="Launching needs approval">
          {plan.launchNeedsApproval.reasons.join("; ")} ({plan.launchNeedsApproval.rules.join(", ")}). Launching raises a request; the campaign starts once it is approved.
        </Alert>
      ) : null}
      {plan.notes.map((n) => <Alert key={n} tone="info">{n}</Alert>)}
      <Card>
        <CardHeader level={3} title="Targets" description="Canaries first, then each wave; excluded targets last, each with the rule that excluded it." />
        <Table caption="Campaign targets with their eligibility and wave">
          <THead>
            <Th>Repository</Th>
            <Th>Team</Th>
            <Th>Risk tier</Th>
            <Th>Eligibility</Th>
            <Th>Wave</Th>
            <Th>Why</Th>
          </THead>
          <TBody>
            {plan.targets.map((t) => (
              <Tr key={t.repositoryId}>
                <Td className="font-mono text-xs whitespace-nowrap">{t.fullName}</Td>
                <Td className="text-xs">{t.team?.slug ?? <span className="text-slate-600">none</span>}</Td>
                <Td className="text-xs">{t.riskTier}</Td>
                <Td>
                  <EligibilityBadge eligible={t.eligible} />
                  {t.eligible && t.decision === "require_approval" ? <div className="mt-1 text-xs text-amber-900">needs approval</div> : null}
                </Td>
                <Td className="text-xs whitespace-nowrap">{t.waveIndex === null ? "—" : waveLabel(t.waveIndex)}</Td>
                <Td className="max-w-md text-xs text-slate-700">
                  {t.eligible ? t.canaryReason ?? "" : (
                    <>
                      <span className="font-mono text-slate-900">{t.excludedRule}</span>
                      {t.excludedReason ? <span>: {t.excludedReason}</span> : null}
                    </>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Card>
      <LoadEstimateCard estimate={plan.estimate} level={3} />
    </section>
  );
}
