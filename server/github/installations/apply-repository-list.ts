// Maps what an installation grants onto the tenant's Fleetgate repositories, in the caller's
// transaction. Each listed repository maps to the tenant's repository of the same GitHub id, or else
// of the same owner/name (GitHub's names are case-insensitive), which gains the installation, the
// GitHub id and the clone URL; a missing one is created (risk tier standard, no owning team, no
// verifier profile). Risk tier and owning team are Fleetgate's and never written here. A repository
// mapped to this installation that GitHub no longer lists loses the mapping and is kept.
import type { AuditRecord } from "../../core/op-context";
import type { Tx } from "../../db/client";
import type { GithubRepositoryInfo } from "./github-installation-api";

export type SyncCounts = { listed: number; mapped: number; created: number; unmapped: number; unchanged: number };

type Installation = { id: string; tenantId: string; githubId: bigint };

const key = (owner: string, name: string) => `${owner}/${name}`.toLowerCase();
// The audit event names at most this many repositories per list; the counts are always exact.
const NAMED = 200;
const named = (names: string[]) => (names.length > NAMED ? [...names.slice(0, NAMED), `… and ${names.length - NAMED} more`] : names);

export async function applyRepositoryList(tx: Tx, installation: Installation, listed: readonly GithubRepositoryInfo[], audit: (e: AuditRecord) => Promise<void>): Promise<SyncCounts> {
  const tenantId = installation.tenantId;
  // The tenant's GitHub repositories (ids and names only): matching happens here, case-insensitively.
  const rows = await tx.repository.findMany({
    where: { tenantId, provider: "github" },
    select: { id: true, owner: true, name: true, githubRepoId: true, githubInstallationId: true, remoteUrl: true },
  });
  const byGithubId = new Map(rows.filter((r) => r.githubRepoId !== null).map((r) => [r.githubRepoId!.toString(), r]));
  const byName = new Map(rows.map((r) => [key(r.owner, r.name), r]));
  const seen = new Set<string>();
  const mapped: string[] = [];
  const created: string[] = [];
  let unchanged = 0;

  for (const gh of listed) {
    const row = byGithubId.get(String(gh.githubRepoId)) ?? byName.get(key(gh.owner, gh.name));
    if (row && seen.has(row.id)) continue;
    if (row) {
      seen.add(row.id);
      const data: { githubInstallationId?: string; githubRepoId?: bigint; remoteUrl?: string; owner?: string; name?: string } = {};
      if (row.githubInstallationId !== installation.id) data.githubInstallationId = installation.id;
      if (row.githubRepoId?.toString() !== String(gh.githubRepoId)) data.githubRepoId = BigInt(gh.githubRepoId);
      if (row.remoteUrl !== gh.cloneUrl) data.remoteUrl = gh.cloneUrl;
      // Renamed or transferred on GitHub (found by its id): follow the new name unless another repository has it.
      const renamed = key(row.owner, row.name) !== key(gh.owner, gh.name) && !byName.has(key(gh.owner, gh.name));
      if (renamed) Object.assign(data, { owner: gh.owner, name: gh.name });
      if (Object.keys(data).length === 0) {
        unchanged++;
        continue;
      }
      await tx.repository.update({ where: { id: row.id }, data });
      mapped.push(renamed ? `${row.owner}/${row.name} → ${gh.owner}/${gh.name}` : `${row.owner}/${row.name}`);
      continue;
    }
    const repo = await tx.repository.create({
      data: {
        tenantId, provider: "github", owner: gh.owner, name: gh.name, defaultBranch: gh.defaultBranch, riskTier: "standard", teamId: null, verifierProfile: "none",
        remoteUrl: gh.cloneUrl, githubInstallationId: installation.id, githubRepoId: BigInt(gh.githubRepoId),
      },
      select: { id: true },
    });
    seen.add(repo.id);
    byName.set(key(gh.owner, gh.name), { id: repo.id, owner: gh.owner, name: gh.name, githubRepoId: BigInt(gh.githubRepoId), githubInstallationId: installation.id, remoteUrl: gh.cloneUrl });
    created.push(`${gh.owner}/${gh.name}`);
    await audit({
      action: "repository.create", resourceType: "repository", resourceId: repo.id,
      after: { fullName: `${gh.owner}/${gh.name}`, defaultBranch: gh.defaultBranch, riskTier: "standard", teamId: null, githubInstallation: Number(installation.githubId), via: "github_sync" },
    });
  }

  const gone = rows.filter((r) => r.githubInstallationId === installation.id && !seen.has(r.id));
  if (gone.length) await tx.repository.updateMany({ where: { id: { in: gone.map((r) => r.id) }, tenantId }, data: { githubInstallationId: null } });
  await tx.githubInstallation.update({ where: { id: installation.id }, data: { syncedAt: new Date() } });

  const counts = { listed: listed.length, mapped: mapped.length, created: created.length, unmapped: gone.length, unchanged };
  await audit({
    action: "github.installation.sync", resourceType: "github_installation", resourceId: installation.id,
    after: { githubId: Number(installation.githubId), ...counts, mappedNames: named(mapped), createdNames: named(created), unmappedNames: named(gone.map((r) => `${r.owner}/${r.name}`)) },
  });
  return counts;
}
