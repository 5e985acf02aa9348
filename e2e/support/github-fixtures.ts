// GitHub installations for the API tests, written straight to the database: binding one through the
// API takes GitHub (the install flow, or a platform admin naming one GitHub knows).
import { unique } from "./api";
import { sql, tenantId } from "./db";

// A GitHub id of its own for a fixture installation (from its unique row id), far above the twin's.
const githubIdOf = (rowId: string) => 1_000_000_000 + (parseInt(rowId.slice(-10), 16) % 1_000_000_000);

/** An installation bound to the tenant; returns its row. */
export async function boundInstallation(tenant: string): Promise<{ id: string }> {
  const id = `e2e-installation-${unique()}`;
  await sql(
    `INSERT INTO "GithubInstallation" (id, "githubId", "tenantId", "accountLogin", "accountType", "repositorySelection", "boundByLabel", "boundAt", "updatedAt")
     VALUES ($1, $2, $3, $4, 'Organization', 'all', 'e2e fixture', now(), now())`,
    [id, githubIdOf(id), await tenantId(tenant), `e2e-org-${unique()}`],
  );
  return { id };
}

/** An installation Fleetgate knows (as a webhook leaves it) and that is bound to no tenant; returns GitHub's id for it. */
export async function unboundInstallation(): Promise<number> {
  const id = `e2e-installation-${unique()}`;
  const githubId = githubIdOf(id);
  await sql(
    `INSERT INTO "GithubInstallation" (id, "githubId", "accountLogin", "accountType", "repositorySelection", "updatedAt") VALUES ($1, $2, $3, 'Organization', 'all', now())`,
    [id, githubId, `e2e-org-${unique()}`],
  );
  return githubId;
}
