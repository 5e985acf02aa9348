// Asking for writes on changesets' pull requests (close, comment): one ChangesetAction per changeset
// of the batch, in the caller's transaction, so they commit with the request that asked (and its
// audit event) or not at all. The caller enqueues their jobs after the commit. Asking again within
// a batch adds nothing: the batch and the changeset are the action's key.
import type { Tx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";

export type ChangesetActionKind = "close" | "comment";

export type ActionRequest = {
  kind: ChangesetActionKind;
  /** The request that asks: a bulk action's request id, a campaign's abort, a kill switch. */
  batchId: string;
  /** Why, in a sentence, for the changeset's history and the closing transition. */
  cause: string;
  /** Posted on the PR (before closing it, for close); none closes without a comment. */
  comment: string | null;
  requestedBy: string;
  data?: Record<string, unknown> & { onlyStates?: string[] };
};

export async function requestChangesetActions(
  tx: Tx, changesets: readonly { id: string; tenantId: string; campaignId: string | null }[], r: ActionRequest,
): Promise<string[]> {
  if (!changesets.length) return [];
  const created = await tx.changesetAction.createManyAndReturn({
    skipDuplicates: true,
    select: { id: true },
    data: changesets.map((cs) => ({
      tenantId: cs.tenantId, changesetId: cs.id, campaignId: cs.campaignId, kind: r.kind, batchId: r.batchId,
      cause: r.cause, comment: r.comment, requestedBy: r.requestedBy, data: r.data as Prisma.InputJsonObject | undefined,
    })),
  });
  return created.map((a) => a.id);
}
