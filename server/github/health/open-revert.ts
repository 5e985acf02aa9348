// The revert of a merge that broke the default branch (health `reverting`): its commit on a new branch
// fleetgate/revert-<merge sha>, then a pull request into the default branch whose body says which
// checks failed and why the merge is the one to blame. Both steps are keyed (the branch is adopted if
// an earlier attempt pushed it, the open PR for the branch is adopted), so a retry, a duplicate job or
// a redelivered webhook opens one revert PR. Fleetgate never merges it: a person does.
import { db } from "../../db/client";
import { consoleUrl, runPath } from "../../notifications/console-url";
import { installationClient } from "../installation-client";
import { appIdentity } from "../publish/app-identity";
import { openPullRequest } from "../publish/open-pull-request";
import { withStepToken } from "../token-leases";
import { leaseTargetOf, revertBranchOf, type HealthChangeset } from "./health-changeset";
import { pushRevert } from "./push-revert";
import { recordHealth } from "./record-health";

// Stored data keys avoid "pass" (as in lastPassing): redaction blanks the values of keys that look like passwords.
type RevertFacts = { failing: string[]; lastGood: string | null };

/** What the verdict that chose the revert named: the failing checks and the last passing commit. */
async function revertFacts(cs: HealthChangeset): Promise<RevertFacts> {
  const rows = await db.changesetEvent.findMany({ where: { changesetId: cs.id, tenantId: cs.tenantId, kind: "health" }, orderBy: { seq: "desc" }, take: 20, select: { data: true } });
  for (const r of rows) {
    const d = r.data as { verdict?: unknown; failing?: unknown; lastGood?: unknown } | null;
    if (d?.verdict === "revert") return { failing: Array.isArray(d.failing) ? d.failing.map(String) : [], lastGood: typeof d.lastGood === "string" ? d.lastGood : null };
  }
  return { failing: [], lastGood: null };
}

function revertBody(cs: HealthChangeset, facts: RevertFacts, runUrl: string): string {
  const merge = cs.mergeCommitSha!;
  return [
    `Fleetgate reverts ${cs.prNumber ? `#${cs.prNumber}` : "an agent pull request"}${cs.title ? ` ("${cs.title}")` : ""}, merged as ${merge}.`,
    "",
    `After it merged, the checks of its merge commit on \`${cs.repository.defaultBranch}\` failed during the post-merge soak:`,
    "",
    ...(facts.failing.length ? facts.failing.map((c) => `- \`${c}\``) : ["- (the failing checks were not recorded)"]),
    "",
    facts.lastGood
      ? `Its first parent ${facts.lastGood} passed and nothing else landed in between, so this merge is the first failing commit on \`${cs.repository.defaultBranch}\`.`
      : `This merge is the first failing commit on \`${cs.repository.defaultBranch}\`.`,
    "",
    "Merge this pull request to undo the change, or close it to keep the change; Fleetgate does not merge it.",
    "",
    `Changeset and its history in Fleetgate: ${runUrl}#pull-request`,
  ].join("\n");
}

export async function openRevert(cs: HealthChangeset): Promise<string> {
  const target = leaseTargetOf(cs);
  if (typeof target === "string" || !cs.repository.remoteUrl || !cs.mergeCommitSha) {
    const why = typeof target === "string" ? target : `${cs.repository.owner}/${cs.repository.name} has no remote to push to`;
    await db.$transaction((tx) => recordHealth(tx, cs, { from: ["reverting"], to: "not_reverted", reason: `the revert could not be made: ${why}`, notify: { title: "A merge that broke the default branch could not be reverted" } }));
    return `not reverted: ${why}`;
  }
  const facts = await revertFacts(cs);
  const branch = revertBranchOf(cs.mergeCommitSha);
  const author = await appIdentity();
  const title = `Revert "${cs.title || `#${cs.prNumber}`}"`.slice(0, 250);
  const message = `${title}\n\nThis reverts merge commit ${cs.mergeCommitSha}${cs.prNumber ? ` (pull request #${cs.prNumber})` : ""}: its checks failed on ${cs.repository.defaultBranch}${facts.failing.length ? ` (${facts.failing.join(", ")})` : ""}.`;
  const pushed = await withStepToken(target, "push", (lease) => pushRevert({
    remote: cs.repository.remoteUrl!, token: lease.token, defaultBranch: cs.repository.defaultBranch, branch, mergeSha: cs.mergeCommitSha!, message, author, at: new Date(),
  }));
  if (pushed.kind === "cannot") {
    await db.$transaction((tx) => recordHealth(tx, cs, { from: ["reverting"], to: "not_reverted", reason: `the revert could not be made: ${pushed.reason}`, data: { branch }, notify: { title: "A merge that broke the default branch could not be reverted" } }));
    return `not reverted: ${pushed.reason}`;
  }
  const body = revertBody(cs, facts, consoleUrl(runPath(cs.tenant.slug, cs.runId)));
  const opened = await withStepToken(target, "open_pr", (lease) => openPullRequest(installationClient(lease.apiUrl, lease.token, cs.repository.githubInstallation!.id), {
    owner: cs.repository.owner, name: cs.repository.name, branch, base: cs.repository.defaultBranch, title, body, draft: false, labels: [],
    teamReviewers: cs.repository.team?.githubTeam ? [cs.repository.team.githubTeam] : [],
  }));
  const recorded = await db.$transaction((tx) => recordHealth(tx, cs, {
    from: ["reverting"], to: "reverted", action: "changeset.revert",
    reason: `revert PR #${opened.number} ${opened.created ? "opened" : "found open"} on ${branch}: ${facts.failing.length ? `checks ${facts.failing.join(", ")} failed` : "checks failed"} on merge commit ${cs.mergeCommitSha!.slice(0, 12)}`,
    set: { revertedAt: new Date(), revertPrNumber: opened.number, revertPrUrl: opened.url },
    data: { branch, revertSha: pushed.sha, revertPrNumber: opened.number, revertPrUrl: opened.url, failing: facts.failing },
    notify: { title: `Reverted: revert PR #${opened.number} opened for a merge that broke the default branch` },
  }));
  return recorded ? `reverted: PR #${opened.number}` : `revert PR #${opened.number} was recorded by another pass`;
}
