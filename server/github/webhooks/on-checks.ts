// check_run, check_suite and status: each report is recorded as a `check` event for its head commit, and
// the changeset's checks state recomputed from the latest report of every check on that commit (a check
// suite counts as one check, named after its app; a status context as one, named status:<context>).
// A report on the default branch also tells post-merge health to look again (note-branch-check.ts).
import { z } from "zod";
import type { Tx } from "../../db/client";
import { waveCheckAfterCommit } from "../../campaigns/wave-jobs";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { checksStateOf, type CheckFact } from "./checks-state";
import { applied, ignored, tenantHandler, type TenantDeliveryContext } from "./delivery-handler";
import { findChangeset, type ChangesetRow, type Found } from "./find-changeset";
import { noteBranchCheck, type BranchCheck } from "./note-branch-check";
import { ZRepositoryRef, ZUser, ZWhen } from "./payload-parts";

const ZSha = z.string().regex(/^[0-9a-f]{40}$/, "must be a commit SHA");
const ZPullNumbers = z.array(z.object({ number: z.number().int().positive() })).default([]);

/** The checks recorded for one head commit, oldest first. */
export async function recordedChecks(tx: Tx, changesetId: string, headSha: string): Promise<CheckFact[]> {
  const rows = await tx.changesetEvent.findMany({ where: { changesetId, kind: "check" }, orderBy: { seq: "asc" }, select: { data: true } });
  return rows.flatMap((r) => {
    const d = r.data as { name?: unknown; headSha?: unknown; status?: unknown; conclusion?: unknown } | null;
    return d?.headSha === headSha && typeof d.name === "string" && typeof d.status === "string"
      ? [{ name: d.name, status: d.status, conclusion: typeof d.conclusion === "string" ? d.conclusion : null }]
      : [];
  });
}

type Check = CheckFact & { headSha: string; at: Date; url: string | null };

async function findByCheck(ctx: TenantDeliveryContext, repo: z.infer<typeof ZRepositoryRef>, numbers: number[], headSha: string, branch: string | null): Promise<Found> {
  let found: Found = { missing: "" };
  for (const number of numbers) {
    found = await findChangeset(ctx.tx, ctx.tenantId, repo, { number });
    if (!("missing" in found)) break;
  }
  if ("missing" in found) found = await findChangeset(ctx.tx, ctx.tenantId, repo, { branch, headSha });
  // A campaign's gates count failing checks: its waves are looked at again once this commits.
  if (!("missing" in found)) waveCheckAfterCommit(found.changeset.campaignId, ctx.afterCommit);
  return found;
}

async function recordCheck(tx: Tx, cs: ChangesetRow, c: Check): Promise<string> {
  const said = c.status === "completed" ? (c.conclusion ?? "completed") : c.status;
  await appendChangesetEvent(tx, cs, { kind: "check", at: c.at, message: `check ${c.name}: ${said}`, data: { name: c.name, headSha: c.headSha, status: c.status, conclusion: c.conclusion, url: c.url } });
  const checksState = checksStateOf(await recordedChecks(tx, cs.id, c.headSha));
  await tx.changeset.update({ where: { id: cs.id }, data: { checksState, lastEventAt: c.at } });
  return `check ${c.name} ${said} on ${c.headSha.slice(0, 7)}; checks ${checksState}`;
}

const ZCheckRun = z.object({
  action: z.string(),
  check_run: z.object({
    name: z.string().min(1),
    head_sha: ZSha,
    status: z.string(),
    conclusion: z.string().nullable(),
    started_at: ZWhen.nullish(),
    completed_at: ZWhen.nullish(),
    html_url: z.string().nullish(),
    pull_requests: ZPullNumbers,
    check_suite: z.object({ head_branch: z.string().nullish() }).nullish(),
  }),
  repository: ZRepositoryRef,
  sender: ZUser,
});

/** The report on the changeset whose PR it is about, and on the merges post-merge health watches. */
async function applyCheck(ctx: TenantDeliveryContext, repo: z.infer<typeof ZRepositoryRef>, found: Found, c: Check, branches: string[] | null) {
  const recorded = "missing" in found ? null : await recordCheck(ctx.tx, found.changeset, c);
  const health = await noteBranchCheck(ctx, repo, { ...c, sha: c.headSha, branches } satisfies BranchCheck);
  if (!recorded && !health) return ignored((found as { missing: string }).missing);
  return applied([recorded, health].filter(Boolean).join("; "));
}

export const onCheckRun = tenantHandler(ZCheckRun, async (ctx, p) => {
  if (p.action === "requested_action") return ignored("check_run.requested_action changes nothing Fleetgate keeps");
  const c = p.check_run;
  const branch = c.check_suite?.head_branch ?? null;
  const found = await findByCheck(ctx, p.repository, c.pull_requests.map((x) => x.number), c.head_sha, branch);
  return applyCheck(ctx, p.repository, found, {
    name: c.name, headSha: c.head_sha, status: c.status, conclusion: c.conclusion, url: c.html_url ?? null, at: c.completed_at ?? c.started_at ?? ctx.receivedAt,
  }, branch ? [branch] : null);
});

const ZCheckSuite = z.object({
  action: z.string(),
  check_suite: z.object({
    id: z.number().int(),
    head_sha: ZSha,
    head_branch: z.string().nullish(),
    status: z.string().nullable(),
    conclusion: z.string().nullable(),
    updated_at: ZWhen.nullish(),
    pull_requests: ZPullNumbers,
    app: z.object({ slug: z.string().nullish(), name: z.string().nullish() }).nullish(),
  }),
  repository: ZRepositoryRef,
  sender: ZUser,
});

export const onCheckSuite = tenantHandler(ZCheckSuite, async (ctx, p) => {
  const s = p.check_suite;
  const found = await findByCheck(ctx, p.repository, s.pull_requests.map((x) => x.number), s.head_sha, s.head_branch ?? null);
  return applyCheck(ctx, p.repository, found, {
    name: `suite:${s.app?.slug ?? s.app?.name ?? s.id}`, headSha: s.head_sha, status: s.status ?? "queued", conclusion: s.conclusion, url: null, at: s.updated_at ?? ctx.receivedAt,
  }, s.head_branch ? [s.head_branch] : null);
});

const ZStatus = z.object({
  sha: ZSha,
  state: z.enum(["error", "failure", "pending", "success"]),
  context: z.string().min(1),
  target_url: z.string().nullish(),
  updated_at: ZWhen.nullish(),
  branches: z.array(z.object({ name: z.string() })).default([]),
  repository: ZRepositoryRef,
  sender: ZUser,
});

export const onStatus = tenantHandler(ZStatus, async (ctx, p) => {
  const found = await findChangeset(ctx.tx, ctx.tenantId, p.repository, { headSha: p.sha });
  const pending = p.state === "pending";
  return applyCheck(ctx, p.repository, found, {
    name: `status:${p.context}`, headSha: p.sha, status: pending ? "in_progress" : "completed", conclusion: pending ? null : p.state === "success" ? "success" : "failure",
    url: p.target_url ?? null, at: p.updated_at ?? ctx.receivedAt,
  }, p.branches.map((b) => b.name));
});
