// Runtime decisions are kept as evidence and as the traffic a draft policy is replayed against.
// The input is redacted before it is stored; what was removed is counted beside it.
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { redact, type RedactionCounts } from "../redaction/redact";
import type { PolicyDecision } from "./evaluate";

export type DecisionToRecord = {
  input: { action: string; resource: { kind: string } & Record<string, unknown>; subject: Record<string, unknown>; context: Record<string, unknown> };
  decision: PolicyDecision;
  /** What the shadow versions decided, when any document has one. */
  shadow?: PolicyDecision;
  /** Who asked: "authorize" for console access, "tool" for an agent's tool call, ... */
  source: string;
  subjectId?: string | null;
  /** The kill switch that refused the call, when one did (then no rule decided). */
  killSwitchId?: string;
  /** When it was decided; the database clock when absent (only demo data sets it). */
  at?: Date;
};

const ruleKey = (d: PolicyDecision) => (d.decidingRule ? `${d.decidingRule.policy}/${d.decidingRule.rule}` : null);

export async function recordDecisions(tx: Tx, tenantId: string, decisions: readonly DecisionToRecord[]): Promise<void> {
  if (decisions.length === 0) return;
  await tx.decisionRecord.createMany({
    data: decisions.map((d) => {
      const counts: RedactionCounts = {};
      const input = redact(d.input, counts);
      return {
        tenantId,
        ...(d.at ? { createdAt: d.at } : {}),
        action: d.input.action,
        resourceKind: d.input.resource.kind,
        input: input as unknown as Prisma.InputJsonObject,
        redactions: Object.keys(counts).length ? counts : undefined,
        decision: d.decision.decision,
        decidingRule: ruleKey(d.decision),
        matchedRules: d.decision.matchedRules as unknown as Prisma.InputJsonArray,
        versions: Object.fromEntries(d.decision.matchedRules.map((m) => [m.policy, m.version])),
        effectivePolicyHash: d.decision.effectivePolicyHash,
        shadowDecision: d.shadow?.decision ?? null,
        shadowRule: d.shadow ? ruleKey(d.shadow) : null,
        source: d.source,
        subjectId: d.subjectId ?? null,
        killSwitchId: d.killSwitchId ?? null,
      };
    }),
  });
}
