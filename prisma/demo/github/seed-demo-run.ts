// A demo pull request's task and succeeded run, as rows: the run is not executed (the seed needs no
// sandbox), but everything it stores is what executing it would: the repository is cloned from the
// twin with a read-only step token, the recipe's write and replace steps are applied (its `run` steps
// only check), and the patch, diff figures and boundary report come from the same code a run uses.
// The ids are derived from the spec's key, so seeding again finds the task and adds nothing.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import YAML from "yaml";
import { appendAuditEvent } from "../../../server/audit/append-event";
import { db } from "../../../server/db/client";
import type { Prisma } from "../../../server/db/generated/client";
import { remoteGit } from "../../../server/github/publish/remote-git";
import { withStepToken } from "../../../server/github/token-leases";
import { boundaryReport } from "../../../server/policy/boundary-report";
import { effectiveGovernance } from "../../../server/policy/effective-governance";
import { matchesGlob } from "../../../server/policy/glob";
import { loadPolicySets } from "../../../server/policy/load-policy-sets";
import { parseRecipe, type RecipeStep } from "../../../server/runs/recipe-schema";
import { hostGit } from "../../../server/sandbox/host-git";
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
    const did: string[] = [];
    for (const step of parsed.recipe.steps) {
      const what = await applyStep(ws, step);
      if (what) did.push(what);
    }
    const diff = await workspaceDiff(ws, baseSha);
    if (!diff.files.length) throw new Error(`demo pull request ${spec.key}: its recipe changes nothing in ${repo.owner}/${repo.name}`);

    const policy = await loadPolicySets(db, repo.tenantId);
    const place = { repository: repo.name, ...(repo.team ? { team: repo.team.slug } : {}), task: taskId };
    const report = boundaryReport(diff.files, effectiveGovernance(policy.active, place), { changeClass: spec.taskClass, approved: false });
    if (report.violations.length) throw new Error(`demo pull request ${spec.key} breaks the policy's boundary: ${report.violations.join("; ")}`);
    const policyHash = createHash("sha256").update(policy.active.documents.map((d) => d.hash).sort().join(",")).digest("hex");
    const versions = Object.fromEntries(policy.active.documents.map((d) => [d.document.metadata.name, d.version]));
    // The run carries the profile as the tenant defines it, as admission would have copied it.
    const snapshot = await snapshotVerifierProfile(db, repo.tenantId, repo, "repository.verifierProfile");
    const profile = snapshot.profile;
    const verifiers = snapshot.steps.map((s) => ({
      name: s.name, argv: [...s.argv], exitCode: 0, passed: true, durationMs: 900, limit: null, redactions: {}, timeoutSeconds: s.timeoutSeconds,
      output: "(demo data: this run was seeded, not executed; its verifiers' output was not kept)",
    }));
    const stats = { files: report.filesChanged, added: report.linesAdded, removed: report.linesRemoved };

    const queuedAt = new Date(Date.now() - spec.hoursAgo * 3_600_000);
    const at = (seconds: number) => new Date(queuedAt.getTime() + seconds * 1000);
    const finishedAt = at(150);
    const summary = `${parsed.recipe.metadata.description ?? parsed.recipe.metadata.name}: ${did.join("; ")}`;
    await db.$transaction(async (tx) => {
      await tx.task.create({
        data: {
          id: taskId, tenantId: repo.tenantId, repositoryId: repo.id, taskClass: spec.taskClass, agentKind: "recipe", recipe, instruction: spec.instruction,
          autonomy: "draft_pr", requesterId: requester.id, requesterLabel: requester.email, createdAt: queuedAt,
        },
      });
      await tx.run.create({
        data: {
          id: runId, tenantId: repo.tenantId, taskId, repositoryId: repo.id, taskClass: spec.taskClass, requesterLabel: requester.email, state: "succeeded",
          baseSha, effectivePolicyHash: policyHash, policyVersions: versions, leaseCount: 1, toolCalls: 0, summary,
          diffStats: stats, boundaryReport: report as unknown as Prisma.InputJsonObject,
          verifierProfile: profile, verifierSteps: snapshot.steps,
          verifierReport: { profile, passed: true, results: verifiers } as unknown as Prisma.InputJsonObject,
          queuedAt, startedAt: at(4), finishedAt,
        },
      });
      const events: Prisma.RunEventCreateManyInput[] = [];
      const event = (seconds: number, e: Omit<Prisma.RunEventCreateManyInput, "tenantId" | "runId" | "seq" | "at">) =>
        events.push({ ...e, tenantId: repo.tenantId, runId, seq: events.length + 1, at: at(seconds) });
      event(0, { kind: "transition", toState: "queued", message: `created by ${requester.email}: ${spec.taskClass} on ${repo.owner}/${repo.name}` });
      event(4, { kind: "transition", fromState: "queued", toState: "preparing", message: "taken by a worker" });
      event(9, { kind: "transition", fromState: "preparing", toState: "running", message: `cloned ${repo.owner}/${repo.name} at ${baseSha.slice(0, 12)}` });
      event(10, { kind: "log", message: "demo data: this run was seeded, not executed; its patch is what the recipe's steps produce on the base commit" });
      did.forEach((what, i) => event(12 + i, { kind: "log", message: what }));
      event(40, { kind: "transition", fromState: "running", toState: "verifying", message: `agent finished: ${summary}` });
      verifiers.forEach((v, i) => event(60 + i * 40, { kind: "verifier", message: `${v.name}: passed`, data: v }));
      event(150, {
        kind: "transition", fromState: "verifying", toState: "succeeded",
        message: `patch of ${stats.files} file(s), +${stats.added} −${stats.removed}; verifiers ${verifiers.map((v) => v.name).join(", ") || "none"} passed`,
      });
      await tx.runEvent.createMany({ data: events });
      const sha256 = createHash("sha256").update(diff.patch).digest("hex");
      await tx.runArtifact.create({ data: { tenantId: repo.tenantId, runId, kind: "patch", content: diff.patch, size: Buffer.byteLength(diff.patch), sha256, createdAt: finishedAt } });
      await appendAuditEvent(tx, {
        tenantId: repo.tenantId, actorType: "system", actorLabel: "seed", action: "task.create", resourceType: "run", resourceId: runId,
        after: { task: taskId, repository: `${repo.owner}/${repo.name}`, taskClass: spec.taskClass, agent: "recipe", autonomy: "draft_pr", demo: true },
      });
    });
    return { taskId, runId };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
