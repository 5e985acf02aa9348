// A check report (check run, check suite or commit status) on a repository's default branch, for
// post-merge health: each merge still watched there gets a pass of the health job after the delivery
// commits (keyed by the delivery, so a redelivery, stored once, adds none), and a report on a watched
// merge commit itself is put on that changeset's timeline. The job reads GitHub for the verdict;
// the report only says when to look.
import { enqueueHealthCheck } from "../health/health-job";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import type { TenantDeliveryContext } from "./delivery-handler";
import { findRepository } from "./find-changeset";
import type { RepositoryRef } from "./payload-parts";

export type BranchCheck = { sha: string; name: string; status: string; conclusion: string | null; at: Date; url: string | null;
  /** The branches the report names (a check suite's head branch, a status's branches); null when it names none. */
  branches: string[] | null };

/** What it noted, or null when no merge is watched in the repository or the report is not about its default branch. */
export async function noteBranchCheck(ctx: TenantDeliveryContext, repo: RepositoryRef, c: BranchCheck): Promise<string | null> {
  const repository = await findRepository(ctx.tx, ctx.tenantId, repo);
  if (!repository) return null;
  const watched = await ctx.tx.changeset.findMany({
    where: { tenantId: ctx.tenantId, repositoryId: repository.id, healthState: "watching" },
    select: { id: true, tenantId: true, mergeCommitSha: true, baseBranch: true }, orderBy: { mergedAt: "asc" }, take: 100,
  });
  const concerned = watched.filter((cs) => cs.mergeCommitSha === c.sha || c.branches === null || c.branches.includes(cs.baseBranch));
  if (!concerned.length) return null;
  const said = c.status === "completed" ? (c.conclusion ?? "completed") : c.status;
  for (const cs of concerned) {
    if (cs.mergeCommitSha === c.sha) {
      await appendChangesetEvent(ctx.tx, cs, { kind: "health", at: c.at, message: `check ${c.name} ${said} on merge commit ${c.sha.slice(0, 7)}`, data: { check: c.name, headSha: c.sha, status: c.status, conclusion: c.conclusion, url: c.url } });
    }
    ctx.afterCommit(() => enqueueHealthCheck(cs.id, `delivery-${ctx.deliveryId}`));
  }
  return `post-merge health looks again at ${concerned.length} merge${concerned.length === 1 ? "" : "s"} watched in ${repo.owner.login}/${repo.name}`;
}
