// The changeset a delivery is about, inside the installation's tenant: the repository by GitHub's id
// (it survives renames) or else by owner and name, then the changeset by its pull request's number or
// its branch (keyed on the task, so one per repository and branch). Nothing outside the tenant is
// ever looked at. The changeset is locked for the rest of the delivery's transaction and read after
// the lock: GitHub sends several deliveries for one act (a push and its pull_request.synchronize) and
// they are processed concurrently, so each must see what the one before it wrote.
import type { Tx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import type { RepositoryRef } from "./payload-parts";

export const CHANGESET_FIELDS = {
  id: true, tenantId: true, taskId: true, runId: true, repositoryId: true, state: true, branch: true, headSha: true,
  prNumber: true, prUrl: true, title: true, labels: true, reviewers: true, reviewState: true, checksState: true,
  openedAt: true, firstReviewAt: true, flagReason: true, campaignId: true,
} as const satisfies Prisma.ChangesetSelect;

export type ChangesetRow = Prisma.ChangesetGetPayload<{ select: typeof CHANGESET_FIELDS }>;

export type RepositoryRow = { id: string; owner: string; name: string };

export type Found = { changeset: ChangesetRow; repository: RepositoryRow } | { missing: string };

export async function findRepository(tx: Tx, tenantId: string, repo: RepositoryRef): Promise<RepositoryRow | null> {
  const select = { id: true, owner: true, name: true } as const;
  return (
    (await tx.repository.findFirst({ where: { tenantId, provider: "github", githubRepoId: BigInt(repo.id) }, select })) ??
    (await tx.repository.findFirst({
      where: {
        tenantId, provider: "github", OR: [{ githubRepoId: null }, { githubRepoId: BigInt(repo.id) }],
        owner: { equals: repo.owner.login, mode: "insensitive" }, name: { equals: repo.name, mode: "insensitive" },
      },
      select,
    }))
  );
}

/** By pull request number first (the branch may have carried another PR before), else by branch. */
export async function findChangeset(tx: Tx, tenantId: string, repo: RepositoryRef, key: { number?: number | null; branch?: string | null; headSha?: string | null }): Promise<Found> {
  const full = `${repo.owner.login}/${repo.name}`;
  const repository = await findRepository(tx, tenantId, repo);
  if (!repository) return { missing: `repository ${full} is not one of the tenant's repositories` };
  const where = { tenantId, repositoryId: repository.id };
  const found =
    (key.number ? await tx.changeset.findFirst({ where: { ...where, prNumber: key.number }, select: CHANGESET_FIELDS }) : null) ??
    (key.branch ? await tx.changeset.findFirst({ where: { ...where, branch: key.branch }, select: CHANGESET_FIELDS }) : null) ??
    (key.headSha ? await tx.changeset.findFirst({ where: { ...where, headSha: key.headSha }, select: CHANGESET_FIELDS, orderBy: { createdAt: "desc" } }) : null);
  if (!found) {
    const what = [key.number ? `#${key.number}` : null, key.branch ? `branch ${key.branch}` : null, key.headSha ? `commit ${key.headSha.slice(0, 7)}` : null].filter(Boolean).join(", ");
    return { missing: `no agent changeset in ${full} for ${what || "this delivery"}` };
  }
  await tx.$queryRaw`SELECT 1 FROM "Changeset" WHERE id = ${found.id} FOR UPDATE`;
  const changeset = await tx.changeset.findUniqueOrThrow({ where: { id: found.id }, select: CHANGESET_FIELDS });
  return { changeset, repository };
}

/** The GitHub login of the person who asked for the task (linked on their membership), if any. */
export async function requesterOf(tx: Tx, cs: Pick<ChangesetRow, "tenantId" | "taskId">): Promise<{ userId: string | null; login: string | null }> {
  const task = await tx.task.findFirst({ where: { id: cs.taskId, tenantId: cs.tenantId }, select: { requesterId: true } });
  if (!task?.requesterId) return { userId: null, login: null };
  const m = await tx.membership.findFirst({ where: { tenantId: cs.tenantId, userId: task.requesterId }, select: { githubLogin: true } });
  return { userId: task.requesterId, login: m?.githubLogin ?? null };
}
