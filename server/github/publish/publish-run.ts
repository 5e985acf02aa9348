// A succeeded run's publication (the `github.publish` job): within the autonomy its policy allowed,
// its verified patch becomes the task's branch and pull request. The gates, in order: the changeset
// is not final or frozen; the secret scan of everything about to leave; its campaign not aborted; the pr_creation kill switch;
// a connected installation; a person's approval for supervised_pr (and autonomous_pr that policy
// does not allow here). Then the push step and the PR step, each with its own narrowed token. Every
// step is idempotent, so the job may run twice, or be killed anywhere, and open one PR.
import { db } from "../../db/client";
import { coveringSwitches, describeSwitch } from "../../kill-switches/covering-switches";
import { consoleUrl } from "../../notifications/console-url";
import { runContext } from "../../runs/run-context";
import { transitionChangeset } from "../changesets/changeset-transitions";
import { configuredGithubApp } from "../github-app";
import { installationClient } from "../installation-client";
import { pullRequestBody } from "../pull-request-text";
import { scanPublication } from "../scan-publication";
import { withStepToken, type LeaseTarget } from "../token-leases";
import { appIdentity } from "./app-identity";
import { ensureChangeset } from "./ensure-changeset";
import { runAllocation } from "../caps/release-held";
import { markReservationUsed, releaseReservation } from "../caps/settle-reservation";
import { holdChangeset } from "./hold-changeset";
import { openPullRequest } from "./open-pull-request";
import { planPublication } from "./publication-plan";
import { pushBranch } from "./push-branch";
import { publicationApproval } from "./publication-approval";
import { recordPush, restartOnNewBase } from "./record-push";
import { sayEdited } from "./say-edited";

const PUBLISHED_MODES = ["local_branch", "draft_pr", "supervised_pr", "autonomous_pr"];

export async function publishRun(runId: string): Promise<string> {
  const run = await runContext(runId);
  if (run.state !== "succeeded") return `nothing to publish: the run is ${run.state}`;
  if (!PUBLISHED_MODES.includes(run.task.autonomy)) return `nothing to publish: ${run.task.autonomy.replaceAll("_", " ")} keeps the change in Fleetgate`;
  // Independent reads, asked together.
  const [patch, repo, requester, approvalsNeeded] = await Promise.all([
    db.runArtifact.findUnique({ where: { runId_kind: { runId, kind: "patch" } } }),
    db.repository.findFirstOrThrow({ where: { id: run.repositoryId, tenantId: run.tenantId }, include: { githubInstallation: true, team: { select: { githubTeam: true } } } }),
    run.task.requesterId ? db.user.findUnique({ where: { id: run.task.requesterId }, select: { id: true, name: true, email: true } }) : null,
    db.approvalRequest.count({ where: { tenantId: run.tenantId, subjectType: "run", subjectId: run.id, state: "approved" } }),
  ]);
  if (!patch || patch.restricted) return "nothing to publish: the run kept no publishable patch";
  const plan = planPublication({ task: run.task, run, repository: repo, governance: run.governance, patch: patch.content, approvalsNeeded, requester });
  const cs = await ensureChangeset(run, repo.defaultBranch, plan, patch.sha256);
  if ("superseded" in cs) return `superseded: attempt ${cs.superseded} of the task publishes instead`;
  if (cs.state === "merged" || cs.state === "closed" || cs.state === "edited") return `nothing to publish: the changeset is ${cs.state}`;
  if (!cs.taken && cs.prNumber !== null && (cs.state === "draft" || cs.state === "open")) return `already published as PR #${cs.prNumber}`;
  const notify = { userId: requester?.id ?? null, tenantSlug: run.tenant.slug, runId };
  const hold = (to: Parameters<typeof holdChangeset>[1], kind: Parameters<typeof holdChangeset>[2], reason: string, data?: Record<string, unknown>) =>
    holdChangeset(cs, to, kind, reason, notify, data).then(() => `${to}: ${reason}`);

  // Secrets first: nothing of a publication that carries one leaves, whatever else holds it.
  const findings = scanPublication({ patch: patch.content, commitMessage: plan.commitMessage, prBody: `${run.task.instruction}\n${plan.title}` });
  if (findings.length) {
    await db.runArtifact.update({ where: { id: patch.id }, data: { restricted: true } });
    const where = findings.map((f) => `${f.kind} in ${f.part === "patch" ? `${f.file}:${f.line}` : f.part.replaceAll("_", " ")}`);
    return hold("blocked", "secret_scan", `the secret scan found ${findings.length} secret${findings.length === 1 ? "" : "s"} (${where.slice(0, 5).join("; ")}); the patch is kept as restricted evidence`, { findings: findings.map(({ part, file, line, kind, excerpt }) => ({ part, file, line, kind, excerpt })) });
  }
  // An aborted campaign publishes nothing more: a publication queued before the abort stops here.
  if (run.campaignId) {
    const campaign = await db.campaign.findFirst({ where: { id: run.campaignId, tenantId: run.tenantId }, select: { name: true, state: true } });
    if (campaign?.state === "aborted") {
      const held = await hold("blocked", "campaign_aborted", `its campaign ${campaign.name} was aborted; nothing more is published for it`);
      // A slot a pass over held work reserved for it goes to other held work at once.
      await releaseReservation(cs);
      return held;
    }
  }
  if (!configuredGithubApp()) return hold("blocked", "not_connected", "no GitHub App is configured here (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY_FILE, GITHUB_WEBHOOK_SECRET)");
  const installation = repo.githubInstallation;
  if (!installation || installation.tenantId !== run.tenantId || installation.deletedAt || installation.suspendedAt || !repo.remoteUrl) {
    return hold("blocked", "not_connected", `${repo.owner}/${repo.name} is not reached through an active GitHub App installation of this tenant (Admin → GitHub)`);
  }
  if (plan.mode !== "local_branch") {
    const switches = await coveringSwitches(db, { tenantId: run.tenantId, repositoryId: run.repositoryId, campaignId: run.campaignId }, "pr_creation");
    if (switches.length) return hold("blocked", "kill_switch", `held by ${describeSwitch(switches[0]!)}; publishing resumes when it is released`, { killSwitchId: switches[0]!.id });
  }
  if (plan.mode === "supervised_pr") {
    const approval = await publicationApproval(run, cs, plan);
    if (approval.state === "denied") return hold("blocked", "approval_denied", approval.reason);
    if (approval.state !== "approved") return `awaiting approval: ${approval.reason}`;
  }
  const cause = `publishing attempt ${run.attempt} (run ${run.id})`;
  // A new PR needs a slot under the PR-storm caps, reserved before the push: a held publication leaves
  // nothing on GitHub (a pushed branch would start CI and announce a PR), and the slot counts from
  // before the push until the PR, so no two workers take it. A publication that stops short of its PR
  // gives it back (shortOf); one that throws keeps it for its retry, as its PR may exist already.
  // A held changeset is judged where it stands, keeping its place in the queue.
  const slotted = plan.mode !== "local_branch" && cs.prNumber === null;
  if (cs.state !== "held" || !slotted) await db.$transaction((tx) => transitionChangeset(tx, cs.id, { to: "publishing", cause, actorLabel: "worker" }));
  if (slotted) {
    const slot = (await runAllocation(run.tenantId, { changesetId: cs.id, cause })).own;
    if (!slot || !("admitted" in slot)) return slot && "held" in slot ? slot.reason : `not published: the changeset is ${slot?.other ?? "gone"}`;
  }
  const shortOf = async (result: string) => {
    if (slotted) await releaseReservation(cs);
    return result;
  };

  const target: LeaseTarget = { tenantId: run.tenantId, repositoryId: repo.id, runId, changesetId: cs.id, installationGithubId: installation.githubId, owner: repo.owner, name: repo.name };
  const author = await appIdentity();
  const pushed = await pushBranch({
    target, installationId: installation.id, author, ownHead: cs.headSha, requireUpToDateBase: run.governance.publishing.requireUpToDateBase, push: plan.mode !== "local_branch",
    beforePush: (sha) => db.changeset.update({ where: { id: cs.id }, data: { headSha: sha } }).then(() => undefined),
    commit: { remote: repo.remoteUrl, defaultBranch: repo.defaultBranch, branch: plan.branch, baseSha: run.baseSha!, patch: patch.content, message: plan.commitMessage, at: run.finishedAt ?? run.queuedAt },
  });
  if (pushed.kind === "edited") {
    const held = await hold("edited", "edited", `someone else committed to ${plan.branch} (${pushed.commits.slice(0, 3).map((c) => c.slice(0, 12)).join(", ")}); Fleetgate never pushes over it`, { commits: pushed.commits });
    await sayEdited(cs.id);
    return shortOf(held);
  }
  if (pushed.kind === "unbuildable") return shortOf(await hold("failed", "failed", pushed.reason));
  if (pushed.kind === "stale") return shortOf(await restartOnNewBase(run, cs, pushed.reason, notify));
  await recordPush(cs, pushed);
  if (plan.mode === "local_branch") {
    await db.$transaction((tx) => transitionChangeset(tx, cs.id, { to: "unpublished", cause: `commit ${pushed.headSha.slice(0, 12)} built for ${plan.branch}; local_branch pushes nothing`, actorLabel: "worker" }));
    return `built ${pushed.headSha.slice(0, 12)} (local branch, not pushed)`;
  }

  const provenance = {
    campaignId: run.campaignId, agent: run.task.agentKind === "model" ? "model agent" : "recipe (declared steps)", sandboxProfile: `bubblewrap, egress ${run.governance.egressProfile}`,
    baseSha: run.baseSha!, headSha: pushed.headSha, effectivePolicyHash: run.effectivePolicyHash ?? "", verifierProfile: run.verifierProfile ?? "not recorded", patchSha256: patch.sha256,
  };
  const body = pullRequestBody({ task: run.task, run: { id: run.id, url: consoleUrl(`/${run.tenant.slug}/runs/${run.id}`) }, mode: plan.mode, verifiers: plan.verifiers, risk: plan.risk, provenance });
  const opened = await withStepToken(target, "open_pr", (lease) => openPullRequest(installationClient(lease.apiUrl, lease.token, installation.id), {
    owner: repo.owner, name: repo.name, branch: plan.branch, base: repo.defaultBranch, title: plan.title, body, draft: plan.mode === "draft_pr", labels: plan.labels,
    teamReviewers: repo.team?.githubTeam ? [repo.team.githubTeam] : [],
  }));
  const to = opened.draft ? "draft" : "open";
  await db.$transaction((tx) => transitionChangeset(tx, cs.id, {
    to, from: ["publishing"], actorLabel: "worker", data: { provenance },
    cause: `${opened.created ? "opened" : "updated"} ${opened.draft ? "draft " : ""}PR #${opened.number}${plan.downgraded ? ` (as supervised_pr: ${plan.downgraded})` : ""}`,
    set: { prNumber: opened.number, prUrl: opened.url, openedAt: opened.openedAt, publishAttempts: { increment: 1 }, reviewers: repo.team?.githubTeam ? [repo.team.githubTeam] : [], holdKind: null, flagReason: null },
  }).then(() => markReservationUsed(tx, cs.id)));
  return `${to} PR #${opened.number}`;
}
