// A demo pull request's task and succeeded run, as rows: the run is not executed (the seed needs no
// sandbox), but everything it stores is what executing it would: the repository is cloned from the
// twin with a read-only step token, the recipe's write and replace steps are applied (its `run` steps
// only check), and the patch, diff figures and boundary report come from the same code a run uses.
// The ids are derived from the spec's key, so seeding again finds the task and adds nothing. The
// demo campaigns (prisma/demo/campaigns) write their runs with the same writeDemoRun.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import YAML from "yaml";
import { appendAuditEvent } from "../../../server/audit/append-event";
import { db, type Tx } from "../../../server/db/client";
import type { Prisma } from "../../../server/db/generated/client";
import { remoteGit } from "../../../server/github/publish/remote-git";
import { withStepToken } from "../../../server/github/token-leases";
import { boundaryReport } from "../../../server/policy/boundary-report";
import { effectiveGovernance } from "../../../server/policy/effective-governance";
import { matchesGlob } from "../../../server/policy/glob";
import { loadPolicySets, type PolicySets } from "../../../server/policy/load-policy-sets";
import { parseRecipe, type RecipeStep } from "../../../server/runs/recipe-schema";
import { hostGit } from "../../../server/sandbox/host-git";
import type { VerifierSnapshot, WorkspaceDiff } from "../../../server/sandbox/types";
import { workspaceDiff } from "../../../server/sandbox/workspace-diff";
import { snapshotVerifierProfile } from "../../../server/verifier-profiles/snapshot-verifier-profile";
import type { DemoPullRequest } from "./demo-pull-requests";

const RECIPES_DIR = path.resolve(import.meta.dirname, "../recipes");

/** A cuid-shaped id derived from the key: the same on every machine, so a second seed finds it. */
export const demoId = (kind: "task" | "run", key: string) => `c${createHash("sha256").update(`fleetgate-demo:${kind}:${key}`).digest("hex").slice(0, 24)}`;

export type DemoRepository = { id: string; tenantId: string; owner: string; name: string; remoteUrl: string; installationGithubId: bigint; verifierProfile: string; team: { slug: string } | null };

export async function recipeText(spec: DemoPullRequest): Promise<string> {
  if (typeof spec.recipe === "string") return readFile(path.join(RECIPES_DIR, `${spec.recipe}.yaml`), "utf8");
  const { name, description, steps } = spec.recipe;
  return `# Demo recipe for ${spec.tenant}/${spec.repo} (seeded with its pull request). Task class: ${spec.taskClass}.\n${YAML.stringify({ apiVersion: "fleetgate/v1", kind: "Recipe", metadata: { name, description }, steps })}`;
}

async function filesOf(root: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.name === ".git") continue;
    if (e.isDirectory()) out.push(...(await filesOf(root, rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

async function applyStep(dir: string, step: RecipeStep): Promise<string | null> {
  if (step.write) {
    await mkdir(path.dirname(path.join(dir, step.write.path)), { recursive: true });
    await writeFile(path.join(dir, step.write.path), step.write.content);
    return `write ${step.write.path}`;
  }
  if (step.replace) {
    const { files, pattern, with: replacement, regex } = step.replace;
    for (const f of (await filesOf(dir)).filter((p) => matchesGlob(p, files))) {
      const text = await readFile(path.join(dir, f), "utf8");
      await writeFile(path.join(dir, f), regex ? text.replace(new RegExp(pattern, "g"), replacement) : text.split(pattern).join(replacement));
    }
    return `replace "${pattern}" in ${files}`;
  }
  return null;
}

/** Applies a recipe's write and replace steps in the workspace (its `run` steps only check); answers what each did. */
export async function applyRecipeSteps(dir: string, steps: readonly RecipeStep[]): Promise<string[]> {
  const did: string[] = [];
  for (const step of steps) {
    const what = await applyStep(dir, step);
    if (what) did.push(what);
  }
  return did;
}

export type DemoRunInput = {
  taskId: string;
  runId: string;
  repo: DemoRepository;
  taskClass: string;
  /** The recipe's text, as the task keeps it. */
  recipe: string;
  /** What the recipe is for (its description), and what its steps did: the run's summary. */
  purpose: string;
  did: string[];
  instruction: string;
  autonomy: string;
  requester: { id: string; email: string };
  campaignId: string | null;
  baseSha: string;
  diff: WorkspaceDiff;
  policy: PolicySets;
  snapshot: VerifierSnapshot;
  queuedAt: Date;
};

/** What the run stores about its patch, policy and verifiers, computed as a run computes it. */
export function demoRunFacts(i: DemoRunInput) {
  const place = { repository: i.repo.name, ...(i.repo.team ? { team: i.repo.team.slug } : {}), ...(i.campaignId ? { campaign: i.campaignId } : {}), task: i.taskId };
  const governance = effectiveGovernance(i.policy.active, place);
  const report = boundaryReport(i.diff.files, governance, { changeClass: i.taskClass, approved: false });
  if (report.violations.length) throw new Error(`demo run ${i.taskId} on ${i.repo.owner}/${i.repo.name} breaks the policy's boundary: ${report.violations.join("; ")}`);
  const verifiers = i.snapshot.steps.map((s) => ({
    name: s.name, argv: [...s.argv], exitCode: 0, passed: true, durationMs: 900, limit: null, redactions: {}, timeoutSeconds: s.timeoutSeconds,
    output: "(demo data: this run was seeded, not executed; its verifiers' output was not kept)",
  }));
  return {
    governance, report, verifiers,
    verifierReport: { profile: i.snapshot.profile, passed: true, results: verifiers },
    policyHash: createHash("sha256").update(i.policy.active.documents.map((d) => d.hash).sort().join(",")).digest("hex"),
    versions: Object.fromEntries(i.policy.active.documents.map((d) => [d.document.metadata.name, d.version])),
    stats: { files: report.filesChanged, added: report.linesAdded, removed: report.linesRemoved },
    summary: `${i.purpose}: ${i.did.join("; ")}`,
    patchSha256: createHash("sha256").update(i.diff.patch).digest("hex"),
    finishedAt: new Date(i.queuedAt.getTime() + 150_000),
  };
}

/** The task, its succeeded run (timeline, patch) and the audit event, in the caller's transaction. */
export async function writeDemoRun(tx: Tx, i: DemoRunInput): Promise<void> {
  const f = demoRunFacts(i);
  const { repo, runId, taskId, queuedAt } = i;
  const at = (seconds: number) => new Date(queuedAt.getTime() + seconds * 1000);
  await tx.task.create({
    data: {
      id: taskId, tenantId: repo.tenantId, repositoryId: repo.id, taskClass: i.taskClass, agentKind: "recipe", recipe: i.recipe, instruction: i.instruction,
      autonomy: i.autonomy, requesterId: i.requester.id, requesterLabel: i.requester.email, campaignId: i.campaignId, createdAt: queuedAt,
    },
  });
  await tx.run.create({
    data: {
      id: runId, tenantId: repo.tenantId, taskId, repositoryId: repo.id, taskClass: i.taskClass, requesterLabel: i.requester.email, campaignId: i.campaignId, state: "succeeded",
      baseSha: i.baseSha, effectivePolicyHash: f.policyHash, policyVersions: f.versions, leaseCount: 1, toolCalls: 0, summary: f.summary,
      diffStats: f.stats, boundaryReport: f.report as unknown as Prisma.InputJsonObject,
      verifierProfile: i.snapshot.profile, verifierSteps: i.snapshot.steps,
      verifierReport: f.verifierReport as unknown as Prisma.InputJsonObject,
      queuedAt, startedAt: at(4), finishedAt: f.finishedAt,
    },
  });
  const events: Prisma.RunEventCreateManyInput[] = [];
  const event = (seconds: number, e: Omit<Prisma.RunEventCreateManyInput, "tenantId" | "runId" | "seq" | "at">) =>
    events.push({ ...e, tenantId: repo.tenantId, runId, seq: events.length + 1, at: at(seconds) });
  event(0, { kind: "transition", toState: "queued", message: `created by ${i.requester.email}: ${i.taskClass} on ${repo.owner}/${repo.name}` });
  event(4, { kind: "transition", fromState: "queued", toState: "preparing", message: "taken by a worker" });
  event(9, { kind: "transition", fromState: "preparing", toState: "running", message: `cloned ${repo.owner}/${repo.name} at ${i.baseSha.slice(0, 12)}` });
  event(10, { kind: "log", message: "demo data: this run was seeded, not executed; its patch is what the recipe's steps produce on the base commit" });
  i.did.forEach((what, n) => event(12 + n, { kind: "log", message: what }));
  event(40, { kind: "transition", fromState: "running", toState: "verifying", message: `agent finished: ${f.summary}` });
  f.verifiers.forEach((v, n) => event(60 + n * 40, { kind: "verifier", message: `${v.name}: passed`, data: v }));
  event(150, {
    kind: "transition", fromState: "verifying", toState: "succeeded",
    message: `patch of ${f.stats.files} file(s), +${f.stats.added} −${f.stats.removed}; verifiers ${f.verifiers.map((v) => v.name).join(", ") || "none"} passed`,
  });
  await tx.runEvent.createMany({ data: events });
  await tx.runArtifact.create({ data: { tenantId: repo.tenantId, runId, kind: "patch", content: i.diff.patch, size: Buffer.byteLength(i.diff.patch), sha256: f.patchSha256, createdAt: f.finishedAt } });
  await appendAuditEvent(tx, {
    tenantId: repo.tenantId, actorType: "system", actorLabel: "seed", action: "task.create", resourceType: "run", resourceId: runId,
    after: { task: taskId, repository: `${repo.owner}/${repo.name}`, taskClass: i.taskClass, agent: "recipe", autonomy: i.autonomy, ...(i.campaignId ? { campaign: i.campaignId } : {}), demo: true },
  });
}

/** The task and its succeeded run (created once); answers their ids. */
export async function ensureDemoRun(spec: DemoPullRequest, repo: DemoRepository, requester: { id: string; email: string }): Promise<{ taskId: string; runId: string }> {
  const taskId = demoId("task", spec.key);
  const runId = demoId("run", spec.key);
  if (await db.task.findUnique({ where: { id: taskId }, select: { id: true } })) return { taskId, runId };

  const recipe = await recipeText(spec);
  const parsed = parseRecipe(recipe);
  if (!parsed.ok) throw new Error(`demo pull request ${spec.key}: its recipe does not parse: ${parsed.problems[0]!.message}`);
  const dir = await mkdtemp(path.join(tmpdir(), "fleetgate-demo-run-"));
  try {
    const target = { tenantId: repo.tenantId, repositoryId: repo.id, runId, installationGithubId: repo.installationGithubId, owner: repo.owner, name: repo.name };
    await withStepToken(target, "read_state", (lease) => remoteGit(["clone", "--quiet", "--no-tags", "--template=", "--", repo.remoteUrl, "workspace"], { cwd: dir, remote: repo.remoteUrl, token: lease.token }));
    const ws = path.join(dir, "workspace");
    const baseSha = (await hostGit(["rev-parse", "--verify", "HEAD^{commit}"], { cwd: ws })).stdout.trim();
    const did = await applyRecipeSteps(ws, parsed.recipe.steps);
    const diff = await workspaceDiff(ws, baseSha);
    if (!diff.files.length) throw new Error(`demo pull request ${spec.key}: its recipe changes nothing in ${repo.owner}/${repo.name}`);
    // The run carries the profile as the tenant defines it, as admission would have copied it.
    const snapshot = await snapshotVerifierProfile(db, repo.tenantId, repo, "repository.verifierProfile");
    const input: DemoRunInput = {
      taskId, runId, repo, taskClass: spec.taskClass, recipe, purpose: parsed.recipe.metadata.description ?? parsed.recipe.metadata.name, did,
      instruction: spec.instruction, autonomy: "draft_pr", requester, campaignId: null, baseSha, diff,
      policy: await loadPolicySets(db, repo.tenantId), snapshot, queuedAt: new Date(Date.now() - spec.hoursAgo * 3_600_000),
    };
    await db.$transaction((tx) => writeDemoRun(tx, input));
    return { taskId, runId };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
