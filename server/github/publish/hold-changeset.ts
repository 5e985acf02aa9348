// Holding a changeset for a person: blocked (a kill switch, the secret scan, a denied approval, no
// installation), edited (someone else's commit on the branch) or needs_human (a stale base that
// another attempt cannot fix), with the reason in a sentence; the requester is told in the console.
import { db } from "../../db/client";
import type { ChangesetState } from "../../db/generated/client";
import { transitionChangeset } from "../changesets/changeset-transitions";

export type HoldKind = "kill_switch" | "secret_scan" | "approval_denied" | "not_connected" | "campaign_aborted" | "edited" | "stale_base" | "failed";

export async function holdChangeset(
  cs: { id: string; tenantId: string },
  to: Extract<ChangesetState, "blocked" | "edited" | "needs_human" | "failed">,
  hold: HoldKind, reason: string, notify: { userId: string | null; tenantSlug: string; runId: string } | null, data?: Record<string, unknown>,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const moved = await transitionChangeset(tx, cs.id, { to, cause: reason, actorLabel: "worker", data: { hold, ...data }, set: { holdKind: hold, flagReason: reason } });
    if (moved === null) return false;
    if (notify?.userId) {
      await tx.notification.createMany({
        data: [{
          tenantId: cs.tenantId, userId: notify.userId, kind: `changeset.${to}`, title: `Publishing held (${hold.replaceAll("_", " ")})`,
          body: reason, link: `/${notify.tenantSlug}/runs/${notify.runId}`, dedupeKey: `changeset.${to}:${cs.id}:${notify.runId}:${hold}`,
        }],
        skipDuplicates: true,
      });
    }
    return true;
  });
}
