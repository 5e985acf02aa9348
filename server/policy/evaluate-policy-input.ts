// POST /policy/evaluate: try an input against the active policy, the shadow versions, a stored
// version of one document, or draft text, decided as the console and the runs decide it (RBAC,
// policy, boundary: decide-input.ts). Nothing is recorded: only runtime decisions are.
import type { z } from "zod";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { decideInput, type TriedDecision } from "./decide-input";
import { loadPolicySets } from "./load-policy-sets";
import type { ZEvaluateRequest } from "./policy-input";
import { findDocument, findVersion } from "./policy-lookup";
import { draftAgainstEffective } from "./preview-policy-draft";
import { draftRejected } from "./save-policy-version";

export async function evaluatePolicyInput(ctx: OpContext, body: z.infer<typeof ZEvaluateRequest>): Promise<TriedDecision & { against: string }> {
  const a = body.against;
  if (a.kind === "active" || a.kind === "shadow") {
    const sets = await loadPolicySets(ctx.tx, ctx.scope.tenant.id);
    if (a.kind === "shadow" && !sets.shadow) throw new AppError("conflict", "no policy version is in shadow");
    return { ...decideInput(a.kind === "shadow" ? sets.shadow! : sets.active, body.input), against: a.kind };
  }
  const text = a.kind === "draft" ? { content: a.content, tests: "" } : await storedText(ctx, a.documentId, a.number);
  const { check } = await draftAgainstEffective(ctx, text, a.documentId);
  if (!check.set) throw draftRejected(check);
  return { ...decideInput(check.set, body.input), against: a.kind === "draft" ? "draft" : `version ${a.number}` };
}

async function storedText(ctx: OpContext, documentId: string, number: number) {
  await findDocument(ctx, documentId);
  const v = await findVersion(ctx, documentId, number);
  return { content: v.content, tests: "" };
}
