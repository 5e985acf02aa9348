import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import { activationRequests, findDocument, findVersion } from "./policy-lookup";
import { documentSummary, versionSelect, versionSummary, type ZPolicyDocumentDetail, type ZPolicyVersion } from "./policy-view";

/** A document with its whole history (newest first) and its activation requests. */
export async function getPolicyDocument(ctx: OpContext, documentId: string): Promise<z.infer<typeof ZPolicyDocumentDetail>> {
  const doc = await findDocument(ctx, documentId);
  const versions = await ctx.tx.policyVersion.findMany({ where: { documentId }, select: { ...versionSelect, id: true }, orderBy: { number: "desc" } });
  const requests = await activationRequests(ctx, versions);
  const pending = requests.find((r) => r.state === "pending") ?? null;
  return { ...documentSummary(ctx.scope, { ...doc, versions }, pending), versions: versions.map(versionSummary), requests };
}

export async function getPolicyVersion(ctx: OpContext, documentId: string, number: number): Promise<z.infer<typeof ZPolicyVersion>> {
  await findDocument(ctx, documentId);
  const v = await findVersion(ctx, documentId, number);
  return { ...versionSummary(v), content: v.content, tests: v.tests };
}
