// Runs one pending detection: a fresh shallow checkout of the target repository's default branch,
// then the campaign's detection argv in the sandbox with the workspace bound read-only, no network
// and its time limit. Exit 0 means the change is still needed, 1 that it is done; anything else
// (another code, a signal, a limit, a checkout that failed) is an error with its reason. The
// result is the row's, once: a second worker finds it taken or finished and does nothing.
import { availableParallelism } from "node:os";
import { AppError } from "../core/app-error";
import { db } from "../db/client";
import { withStepToken } from "../github/token-leases";
import { redactString } from "../redaction/redact";
import { DETECTION_TIMEOUT_SECONDS } from "../runs/detection-schema";
import { prepareWorkspace, removeWorkspace } from "../sandbox/prepare-workspace";
import { runInSandbox } from "../sandbox/run-in-sandbox";
import { storedSpec } from "./read-campaign-spec";
import { detectionOf } from "./request-detections";

const OUTPUT_TAIL_CHARS = 4096;
// A claim older than the longest detection (plus its checkout) belongs to a worker that died.
const CLAIM_STALE_SECONDS = DETECTION_TIMEOUT_SECONDS.max + 300;

type Outcome = { outcome: "needed" | "done" | "error"; reason: string | null; sha?: string; exitCode?: number | null; durationMs?: number; output?: string };

export async function runDetection(detectionId: string): Promise<string> {
  const [claimed] = await db.$queryRaw<{ tenantId: string; campaignId: string; repositoryId: string }[]>`
    UPDATE "CampaignDetection" SET "startedAt" = now()
    WHERE id = ${detectionId} AND outcome = 'pending'
      AND ("startedAt" IS NULL OR "startedAt" < now() - make_interval(secs => ${CLAIM_STALE_SECONDS}))
    RETURNING "tenantId", "campaignId", "repositoryId"`;
  if (!claimed) return "nothing to do: finished, taken by another worker, or gone";
  // An AppError (a spec that no longer reads, a checkout that fails, a command the sandbox refuses) is
  // this detection's outcome; anything else is the worker's trouble, and the job is retried.
  const result = await detect(detectionId, claimed).catch((e: unknown): Outcome => {
    if (e instanceof AppError) return { outcome: "error", reason: e.message };
    throw e;
  });
  const finished = await db.campaignDetection.updateMany({
    where: { id: detectionId, outcome: "pending" },
    data: { ...result, reason: result.reason?.slice(0, 1000) ?? null, at: new Date() },
  });
  return finished.count ? `${result.outcome}${result.reason ? `: ${result.reason}` : ""}` : "nothing recorded: finished meanwhile";
}

async function detect(id: string, row: { tenantId: string; campaignId: string; repositoryId: string }): Promise<Outcome> {
  const [campaign, repo] = await Promise.all([
    db.campaign.findFirst({ where: { id: row.campaignId, tenantId: row.tenantId }, select: { spec: true, specYaml: true } }),
    db.repository.findFirst({ where: { id: row.repositoryId, tenantId: row.tenantId }, select: { id: true, owner: true, name: true, remoteUrl: true, defaultBranch: true, githubInstallationId: true } }),
  ]);
  if (!campaign || !repo) return { outcome: "error", reason: "the campaign or its repository is gone" };
  const detection = detectionOf(storedSpec(campaign.spec, campaign.specYaml).spec);
  if (!detection) return { outcome: "error", reason: "the campaign has no detection step (neither its spec nor its recipe gives one)" };
  if (!repo.remoteUrl) return { outcome: "error", reason: `${repo.owner}/${repo.name} has no remote to clone from` };
  const workspaceId = `detect-${id}`;
  try {
    const ws = await checkOut(workspaceId, row.tenantId, { ...repo, remoteUrl: repo.remoteUrl });
    const timeoutSeconds = detection.timeoutSeconds ?? DETECTION_TIMEOUT_SECONDS.default;
    const r = await runInSandbox(ws.dir, {
      argv: detection.argv, network: null, readOnlyWorkspace: true,
      limits: { wallMs: timeoutSeconds * 1000, cpuSeconds: Math.min(timeoutSeconds * availableParallelism(), 24 * 3600) },
    });
    const output = tail(redactString([r.stdout, r.stderr].filter(Boolean).join("\n"), {}));
    const facts = { sha: ws.baseSha, exitCode: r.exitCode, durationMs: Math.round(r.durationMs), output };
    if (r.limit === "wall") return { ...facts, outcome: "error", reason: `timed out after ${timeoutSeconds} s` };
    if (r.limit) return { ...facts, outcome: "error", reason: `stopped by the sandbox's ${r.limit} limit` };
    if (r.exitCode === 0) return { ...facts, outcome: "needed", reason: null };
    if (r.exitCode === 1) return { ...facts, outcome: "done", reason: null };
    return { ...facts, outcome: "error", reason: r.exitCode === null ? `killed by ${r.signal ?? "a signal"}` : `exit code ${r.exitCode} (0: still needed, 1: done)` };
  } finally {
    await removeWorkspace(workspaceId).catch(() => undefined);
  }
}

/** As a run's checkout: a repository reached through its GitHub installation is cloned with a read-only step token. */
async function checkOut(workspaceId: string, tenantId: string, repo: { id: string; owner: string; name: string; remoteUrl: string; defaultBranch: string; githubInstallationId: string | null }) {
  const checkout = { runId: workspaceId, remote: repo.remoteUrl, branch: repo.defaultBranch };
  if (!repo.githubInstallationId) return prepareWorkspace(checkout);
  const installation = await db.githubInstallation.findFirst({ where: { id: repo.githubInstallationId, tenantId, deletedAt: null, suspendedAt: null } });
  if (!installation) throw new AppError("unavailable", `${repo.owner}/${repo.name}'s GitHub installation is not active for this tenant (Admin → GitHub)`);
  const target = { tenantId, repositoryId: repo.id, installationGithubId: installation.githubId, owner: repo.owner, name: repo.name };
  return withStepToken(target, "clone", (lease) => prepareWorkspace({ ...checkout, token: lease.token }));
}

function tail(text: string): string {
  return text.length <= OUTPUT_TAIL_CHARS ? text : `[… ${text.length - OUTPUT_TAIL_CHARS} earlier characters left out …]\n${text.slice(-OUTPUT_TAIL_CHARS)}`;
}
