// Platform documents govern every tenant: creating or changing one needs policy.platform, which the
// policy routes declare (server/http/route-conditions.ts names these two checks).
import type { OpContext } from "../core/op-context";
import { parsePolicyDocument } from "./parse-document";
import { PLATFORM_SCOPE } from "./policy-scope";

/**
 * Whether the id names a platform document. Only platform rows are looked at: another tenant's
 * document answers false, so the request goes on to the operation's 404, like a missing one.
 */
export async function isPlatformDocument(ctx: OpContext, documentId: string): Promise<boolean> {
  return (await ctx.tx.policyDocument.findFirst({ where: { id: documentId, scopeKey: PLATFORM_SCOPE }, select: { id: true } })) !== null;
}

/** Whether a new document's YAML puts it on the platform, read with the parser creating it uses. */
export function declaresPlatformLevel(content: string): boolean {
  const parsed = parsePolicyDocument(content);
  return parsed.ok && parsed.value.metadata.level === "platform";
}
