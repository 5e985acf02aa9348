// Writing an installation's row: what GitHub says of it (kept current whenever GitHub is asked or
// tells), and binding it to a tenant. Binding is one conditional update, so two tenants racing for
// one installation cannot both win: an installation belongs to at most one tenant.
import type { Tx } from "../../db/client";
import type { GithubInstallationInfo } from "./github-installation-api";

/** Creates the row or refreshes GitHub's facts on it (account, selection, suspension); it exists on GitHub, so it is not deleted. */
export async function upsertInstallation(tx: Tx, info: GithubInstallationInfo) {
  const facts = { accountLogin: info.accountLogin, accountType: info.accountType, repositorySelection: info.repositorySelection, suspendedAt: info.suspendedAt, deletedAt: null };
  return tx.githubInstallation.upsert({
    where: { githubId: BigInt(info.githubId) },
    create: { githubId: BigInt(info.githubId), ...facts },
    update: facts,
  });
}

export type BindOutcome = "bound" | "already_bound" | "bound_elsewhere";

/** Binds the row to the tenant unless another tenant has it; binding to the tenant that has it already changes nothing. */
export async function bindInstallationRow(tx: Tx, rowId: string, tenantId: string, boundByLabel: string): Promise<BindOutcome> {
  const won = await tx.githubInstallation.updateMany({ where: { id: rowId, tenantId: null }, data: { tenantId, boundByLabel, boundAt: new Date() } });
  if (won.count === 1) return "bound";
  const row = await tx.githubInstallation.findUnique({ where: { id: rowId }, select: { tenantId: true } });
  return row?.tenantId === tenantId ? "already_bound" : "bound_elsewhere";
}
