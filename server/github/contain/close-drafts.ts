// Closing the draft PRs a close_drafts kill switch covers: each with a comment naming the switch,
// then the changeset closed with the same cause (or by the PR's closed webhook, if that came first:
// the history says why beforehand). A draft already closed (a retry) is skipped, so
// the job may run twice; the switch's audit trail ends with one killswitch.contained event.
import { appendAuditEvent } from "../../audit/append-event";
import { db } from "../../db/client";
import { describeSwitch } from "../../kill-switches/covering-switches";
import { logger } from "../../log/logger";
import { appendChangesetEvent, transitionChangeset } from "../changesets/changeset-transitions";
import { installationClient } from "../installation-client";
import { withStepToken } from "../token-leases";

export async function closeDrafts(killSwitchId: string): Promise<string> {
  const sw = await db.killSwitch.findUnique({ where: { id: killSwitchId } });
  if (!sw || !sw.effects.includes("close_drafts")) return "nothing to do: no such switch closes drafts";
  const drafts = await db.changeset.findMany({
    where: {
      state: "draft", prNumber: { not: null },
      ...(sw.tenantId ? { tenantId: sw.tenantId } : {}),
      ...(sw.level === "repository" ? { repositoryId: sw.target! } : sw.level === "campaign" ? { campaignId: sw.target! } : {}),
    },
    include: { repository: { include: { githubInstallation: true } } },
  });
  const why = `closed by ${describeSwitch(sw)}`;
  let closed = 0;
  const failed: string[] = [];
  for (const cs of drafts) {
    const installation = cs.repository.githubInstallation;
    if (!installation) continue;
    const repo = { owner: cs.repository.owner, repo: cs.repository.name };
    try {
      // Said before GitHub is asked: the PR's closed webhook may reach Fleetgate before this job moves
      // the changeset, and then this is what tells the history why Fleetgate's App closed it.
      await db.$transaction((tx) => appendChangesetEvent(tx, cs, { kind: "flag", message: `closing draft PR #${cs.prNumber}: ${why}`, data: { killSwitchId: sw.id } }));
      await withStepToken({ tenantId: cs.tenantId, repositoryId: cs.repositoryId, runId: cs.runId, changesetId: cs.id, installationGithubId: installation.githubId, owner: repo.owner, name: repo.repo }, "open_pr", async (lease) => {
        const gh = installationClient(lease.apiUrl, lease.token, installation.id);
        await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: cs.prNumber!, body: `Fleetgate closed this draft: ${why}.` });
        await gh.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: cs.prNumber!, state: "closed" });
      });
      await db.$transaction((tx) => transitionChangeset(tx, cs.id, { to: "closed", from: ["draft"], cause: why, actorLabel: `kill switch ${sw.id}`, data: { killSwitchId: sw.id } }));
      closed++;
    } catch (e) {
      failed.push(`${repo.owner}/${repo.repo}#${cs.prNumber}`);
      logger.warn("a draft PR could not be closed", { changeset: cs.id, error: (e as Error).message });
    }
  }
  await db.$transaction((tx) => appendAuditEvent(tx, {
    tenantId: sw.tenantId, actorType: "system", actorLabel: `kill switch ${sw.id}`, action: "killswitch.contained", resourceType: "killswitch", resourceId: sw.id,
    after: { draftsClosed: closed, draftsNotClosed: failed },
  }));
  if (failed.length) throw new Error(`${failed.length} draft PR(s) not closed yet (${failed.slice(0, 5).join(", ")}); trying again`);
  return `closed ${closed} draft PR(s)`;
}
