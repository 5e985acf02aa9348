// Decision records, newest first, keyset-paged by id: the evidence of what policy decided, and
// where the shadow versions disagree with the active ones.
import { z } from "zod";
import type { Prisma } from "../db/client";
import type { OpContext } from "../core/op-context";
import { EFFECTS } from "./document-schema";

export const ZDecisionFilter = z.object({
  action: z.string().min(1).max(100).optional(),
  decision: z.enum(EFFECTS).optional(),
  /** Only records a rule of this policy decided, in the active or in the shadow decision. */
  policy: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "must be a policy name").max(100).optional(),
  /** Only records where a shadow version decided differently. */
  disagreement: z.enum(["true", "false"]).optional(),
  before: z.string().regex(/^[1-9][0-9]{0,17}$/, "must be a decision record id").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();

export const ZDecisionRecord = z.object({
  id: z.string(),
  createdAt: z.string(),
  action: z.string(),
  resourceKind: z.string(),
  input: z.unknown(),
  redactions: z.record(z.string(), z.number()).nullable(),
  decision: z.enum(EFFECTS),
  decidingRule: z.string().nullable(),
  matchedRules: z.unknown(),
  versions: z.record(z.string(), z.string()),
  effectivePolicyHash: z.string(),
  shadowDecision: z.enum(EFFECTS).nullable(),
  shadowRule: z.string().nullable(),
  source: z.string(),
  subjectId: z.string().nullable(),
  /** The kill switch that refused the call, when one did (then no rule decided). */
  killSwitch: z.object({ id: z.string(), level: z.string(), target: z.string().nullable(), reason: z.string(), setBy: z.string() }).nullable(),
});

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
