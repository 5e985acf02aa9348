// Rollback is publishing an earlier version's content again: a new draft version with that content,
// which then goes through shadow and activation like any other. History is never rewritten.
import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import { versionLabel } from "./load-policy-sets";
import type { ZRollback } from "./policy-input";
import { findDocument, findVersion, lockDocument } from "./policy-lookup";
import { checkOrReject, writeVersion } from "./save-policy-version";

export async function rollbackPolicyVersion(ctx: OpContext, documentId: string, number: number, input: z.infer<typeof ZRollback>) {
  const doc = await findDocument(ctx, documentId);
  await lockDocument(ctx.tx, doc.id);
  const old = await findVersion(ctx, documentId, number);
  const text = { content: old.content, tests: old.tests };
  const check = await checkOrReject(ctx, text, { name: doc.name, level: doc.level, target: doc.target });
  return writeVersion(ctx, doc, check, { ...text, message: input.message ?? `Roll back to ${versionLabel(number)}` }, "policy.version.rollback");
}
