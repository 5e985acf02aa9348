// Decision records, newest first, keyset-paged by id: the evidence of what policy decided, and
// where the shadow versions disagree with the active ones.
import type { z } from "zod";
import type { Prisma } from "../db/client";
import type { OpContext } from "../core/op-context";
import type { ZDecisionFilter } from "./policy-input";
import type { ZDecisionRecord } from "./policy-view";

type View = z.infer<typeof ZDecisionRecord>;

export async function listDecisionRecords(ctx: OpContext, f: z.infer<typeof ZDecisionFilter>) {
  const base: Prisma.DecisionRecordWhereInput = { tenantId: ctx.scope.tenant.id };
  if (f.policy) base.OR = [{ decidingRule: { startsWith: `${f.policy}/` } }, { shadowRule: { startsWith: `${f.policy}/` } }];
  const disagree: Prisma.DecisionRecordWhereInput = {
    ...base, shadowDecision: { not: null }, NOT: { shadowDecision: { equals: ctx.tx.decisionRecord.fields.decision } },
  };
  const where: Prisma.DecisionRecordWhereInput = f.disagreement === "true" ? { ...disagree } : { ...base };
  if (f.action) where.action = f.action;
  if (f.decision) where.decision = f.decision;
  if (f.before) where.id = { lt: BigInt(f.before) };
  const [rows, disagreements] = await Promise.all([
    ctx.tx.decisionRecord.findMany({
      where, orderBy: { id: "desc" }, take: f.limit + 1,
      include: { killSwitch: { select: { id: true, level: true, target: true, reason: true, setByLabel: true } } },
    }),
    ctx.tx.decisionRecord.count({ where: disagree }),
  ]);
  const page = rows.slice(0, f.limit);
  return {
    records: page.map((r): View => ({
      id: r.id.toString(), createdAt: r.createdAt.toISOString(), action: r.action, resourceKind: r.resourceKind, input: r.input,
      redactions: (r.redactions as Record<string, number> | null) ?? null, decision: r.decision as View["decision"], decidingRule: r.decidingRule,
      matchedRules: r.matchedRules, versions: r.versions as Record<string, string>, effectivePolicyHash: r.effectivePolicyHash,
      shadowDecision: (r.shadowDecision as View["shadowDecision"]) ?? null, shadowRule: r.shadowRule, source: r.source, subjectId: r.subjectId,
      killSwitch: r.killSwitch ? { id: r.killSwitch.id, level: r.killSwitch.level, target: r.killSwitch.target, reason: r.killSwitch.reason, setBy: r.killSwitch.setByLabel } : null,
    })),
    nextBefore: rows.length > f.limit ? page.at(-1)!.id.toString() : null,
    /** For the policy filter when given, else the whole tenant. */
    shadowDisagreements: disagreements,
  };
}
