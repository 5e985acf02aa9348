// What occupies the PR-storm caps of a tenant right now: every live agent PR (a changeset with a PR
// that is neither merged nor closed, whatever flag it carries) and every reserved slot (a changeset
// `publishing` under a reservation, before its PR exists). Read in one statement, so a reservation
// turning into its PR (one transaction) is seen once, as one or the other. The caller holds the
// tenant's bucket row lock; people may still move PRs meanwhile, which only lowers the counts or
// (a reopen) raises them past a cap, which then holds new work.
import type { Tx } from "../../db/client";

type Row = { teamId: string | null; repositoryId: string; campaignId: string | null; waveIndex: number | null; awaiting: boolean };

export class SlotCounts {
  private readonly n = new Map<string, number>();

  get(key: string): number {
    return this.n.get(key) ?? 0;
  }

  add(s: { teamId: string | null; repositoryId: string; campaignId: string | null; waveIndex: number | null; awaiting: boolean }): void {
    const keys = [`repo:${s.repositoryId}`];
    if (s.teamId) keys.push(`team:${s.teamId}`, ...(s.awaiting ? [`review:${s.teamId}`] : []));
    if (s.campaignId && s.waveIndex !== null) keys.push(`wave:${s.campaignId}:${s.waveIndex}`);
    for (const k of keys) this.n.set(k, this.get(k) + 1);
  }
}

export async function countSlots(tx: Tx, tenantId: string): Promise<SlotCounts> {
  // A PR's draft-ness: its state while draft or open, else what it last was (prDraft), else its mode.
  const rows = await tx.$queryRaw<Row[]>`
    SELECT r."teamId", c."repositoryId", c."campaignId", t."waveIndex",
      CASE WHEN c."prNumber" IS NULL THEN NOT p.draft
        ELSE NOT (CASE WHEN c.state IN ('draft', 'open') THEN c.state = 'draft' ELSE COALESCE(c."prDraft", c.mode = 'draft_pr') END) AND c."reviewState" <> 'approved'
      END AS awaiting
    FROM "Changeset" c
    JOIN "Repository" r ON r.id = c."repositoryId"
    LEFT JOIN "CampaignTarget" t ON t."campaignId" = c."campaignId" AND t."repositoryId" = c."repositoryId"
    LEFT JOIN "PublishReservation" p ON p."changesetId" = c.id AND p.outcome = 'reserved'
    WHERE c."tenantId" = ${tenantId}
      AND c.state IN ('publishing', 'draft', 'open', 'blocked', 'edited', 'needs_human', 'failed', 'awaiting_approval')
      AND (c."prNumber" IS NOT NULL OR (c.state = 'publishing' AND p.id IS NOT NULL))`;
  const counts = new SlotCounts();
  for (const r of rows) counts.add(r);
  return counts;
}
