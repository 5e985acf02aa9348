// What Fleetgate asks GitHub about installations, as the App: does an installation exist (and what
// is it), where its install flow starts, and which repositories it grants. A token minted to list
// repositories is installation-wide but read-only (metadata) and revoked as soon as the list is read;
// it never leaves this module.
import { AppError } from "../../core/app-error";
import { revokeStepToken, STEP_PERMISSIONS } from "../step-token";
import { tokenClient } from "../github-app";
import { requireGithubApp } from "../token-leases";

export type GithubInstallationInfo = {
  githubId: number;
  accountLogin: string;
  accountType: string;
  repositorySelection: "all" | "selected";
  suspendedAt: Date | null;
  createdAt: Date;
};

export type GithubRepositoryInfo = { githubRepoId: number; owner: string; name: string; cloneUrl: string; defaultBranch: string };

const statusOf = (e: unknown) => (e as { status?: number }).status;

/** The installation as GitHub describes it to the App, or null when GitHub has none of that id (for this App). */
export async function fetchAppInstallation(githubId: number): Promise<GithubInstallationInfo | null> {
  const { app } = requireGithubApp();
  try {
    const { data } = await app.octokit.request("GET /app/installations/{installation_id}", { installation_id: githubId });
    const account = data.account as { login?: string; slug?: string; type?: string } | null;
    return {
      githubId: data.id,
      accountLogin: account?.login ?? account?.slug ?? "unknown",
      accountType: account?.type ?? data.target_type ?? "Organization",
      repositorySelection: data.repository_selection,
      suspendedAt: data.suspended_at ? new Date(data.suspended_at) : null,
      createdAt: new Date(data.created_at),
    };
  } catch (e) {
    if (statusOf(e) === 404) return null;
    throw unreachable(e);
  }
}

/** Where a person installs the App: GitHub's page for it (github.com, an Enterprise Server or the twin), with the signed state. */
export async function installUrl(state: string): Promise<string> {
  const { app } = requireGithubApp();
  try {
    const { data } = await app.octokit.request("GET /app");
    if (!data?.html_url) throw new AppError("unavailable", "GitHub did not say where the App's page is (GET /app has no html_url)");
    const url = new URL(`${data.html_url.replace(/\/+$/, "")}/installations/new`);
    url.searchParams.set("state", state);
    return url.toString();
  } catch (e) {
    throw e instanceof AppError ? e : unreachable(e);
  }
}

const PAGE = 100;
// An installation on every repository of a large organization: the list is read in pages, up to this many.
const MAX_REPOSITORIES = 10_000;

/** Every repository the installation grants, as GitHub lists them to the installation itself. */
export async function listInstallationRepositories(githubId: number): Promise<GithubRepositoryInfo[]> {
  const { app, config } = requireGithubApp();
  let token: string;
  try {
    const { data } = await app.octokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: githubId, permissions: STEP_PERMISSIONS.sync });
    token = data.token;
  } catch (e) {
    if (statusOf(e) === 404) throw new AppError("not_found", `GitHub has no installation ${githubId} of this App (it was uninstalled?)`);
    throw unreachable(e);
  }
  try {
    const client = tokenClient(config.apiUrl, token);
    const out: GithubRepositoryInfo[] = [];
    for (let page = 1; out.length < MAX_REPOSITORIES; page++) {
      const { data } = await client.request("GET /installation/repositories", { per_page: PAGE, page });
      for (const r of data.repositories) {
        out.push({ githubRepoId: Number(r.id), owner: r.owner.login, name: r.name, cloneUrl: r.clone_url, defaultBranch: r.default_branch ?? "main" });
      }
      if (data.repositories.length < PAGE || out.length >= data.total_count) break;
    }
    return out;
  } catch (e) {
    throw unreachable(e);
  } finally {
    await revokeStepToken(config.apiUrl, token).catch(() => undefined);
  }
}

function unreachable(e: unknown): AppError {
  const status = statusOf(e);
  return new AppError("unavailable", `GitHub could not be asked right now (${status ? `HTTP ${status}` : (e as Error).message}); try again shortly`);
}
