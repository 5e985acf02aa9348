// Tells the person who asked for a task that its pull request waits for them (a review comment asked
// for more than the task's scope, say): one in-app notification per flag, linking to the run. Written
// in the caller's transaction; a repeat of the same flag (the same comment) is a no-op.
import type { Tx } from "../db/client";
import { runPath } from "./console-url";

export type ChangesetFlag = {
  tenantId: string;
  userId: string;
  changesetId: string;
  runId: string;
  /** What makes this flag one: a comment's id, say. */
  key: string;
  title: string;
  body: string;
};

export async function notifyChangesetFlag(tx: Tx, f: ChangesetFlag): Promise<boolean> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: f.tenantId }, select: { slug: true } });
  const { count } = await tx.notification.createMany({
    data: [{
      tenantId: f.tenantId, userId: f.userId, kind: "changeset.needs_human", title: f.title.slice(0, 300), body: f.body.slice(0, 2000),
      link: runPath(tenant.slug, f.runId), dedupeKey: `changeset.needs_human:${f.changesetId}:${f.key}`,
    }],
    skipDuplicates: true,
  });
  return count > 0;
}
