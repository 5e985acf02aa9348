// When someone else's commit freezes a changeset (`edited`), Fleetgate says so on the pull request,
// once: it will not push to that branch again, and why. Called by the publisher when it finds the
// commit, and by the publication reconciler for changesets frozen by a webhook or reconciliation.
import { db } from "../../db/client";
import { logger } from "../../log/logger";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { installationClient } from "../installation-client";
import { withStepToken } from "../token-leases";

const NOTICE = "edited";

/** Edited changesets with a PR whose notice is not posted yet. */
export async function unsaidEdits(tenantId: string | null, take = 20): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Changeset" c
    WHERE (${tenantId}::text IS NULL OR c."tenantId" = ${tenantId}) AND c.state = 'edited' AND c."prNumber" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "ChangesetEvent" e WHERE e."changesetId" = c.id AND e.kind = 'comment' AND e.data->>'notice' = ${NOTICE})
    ORDER BY c."updatedAt" LIMIT ${take}`;
  return rows.map((r) => r.id);
}

export async function sayEdited(changesetId: string): Promise<boolean> {
  const cs = await db.changeset.findUnique({ where: { id: changesetId }, include: { repository: { include: { githubInstallation: true } } } });
  const installation = cs?.repository.githubInstallation;
  if (!cs || cs.state !== "edited" || cs.prNumber === null || !installation || installation.tenantId !== cs.tenantId) return false;
  if (await db.changesetEvent.findFirst({ where: { changesetId, kind: "comment", data: { path: ["notice"], equals: NOTICE } }, select: { id: true } })) return false;
  const repo = { owner: cs.repository.owner, repo: cs.repository.name };
  const body = `Fleetgate will not push to \`${cs.branch}\` again: ${cs.flagReason ?? "someone else committed to it"}. The agent's later attempts of this task are not published here; a person takes it from here.`;
  try {
    await withStepToken({ tenantId: cs.tenantId, repositoryId: cs.repositoryId, runId: cs.runId, changesetId: cs.id, installationGithubId: installation.githubId, owner: repo.owner, name: repo.repo }, "open_pr", (lease) =>
      installationClient(lease.apiUrl, lease.token, installation.id).request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: cs.prNumber!, body }));
  } catch (e) {
    logger.warn("could not say on the PR that its branch is frozen; the reconciler tries again", { changeset: cs.id, error: (e as Error).message });
    return false;
  }
  await db.$transaction((tx) => appendChangesetEvent(tx, cs, { kind: "comment", message: "said on the PR that Fleetgate will not push to its branch again", data: { notice: NOTICE } }));
  return true;
}
