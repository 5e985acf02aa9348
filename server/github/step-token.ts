// Installation tokens minted per step of a publication, narrowed to the one repository and the
// permissions that step needs (contents:write to push, pull_requests:write to open a PR), and revoked
// as soon as the step is done or a kill switch says so. A token is a secret of variable length (GitHub's
// new format): never logged, never given to the sandbox or the model, never assumed to be 40 characters.
import { tokenClient, type GithubApp } from "./github-app";

export type StepPermissions = Partial<Record<"contents" | "pull_requests" | "issues" | "checks" | "statuses" | "metadata", "read" | "write">>;

/** The permissions each publishing step needs, and nothing more. */
export const STEP_PERMISSIONS = {
  // A run's checkout and local_branch's build: the repository's contents, read-only.
  clone: { contents: "read", metadata: "read" },
  push: { contents: "write", metadata: "read" },
  open_pr: { pull_requests: "write", issues: "write", metadata: "read" },
  // A write a person or a containment asked of an open PR: a comment, closing it.
  pr_write: { pull_requests: "write", issues: "write", metadata: "read" },
  read_state: { pull_requests: "read", checks: "read", statuses: "read", contents: "read", metadata: "read" },
  // Listing an installation's repositories (server/github/installations/): installation-wide, read-only, revoked at once.
  sync: { metadata: "read" },
} as const satisfies Record<string, StepPermissions>;

export type StepToken = { token: string; expiresAt: Date; repository: string; permissions: StepPermissions };

export async function mintStepToken(app: GithubApp, installationId: number, repository: { owner: string; name: string }, permissions: StepPermissions): Promise<StepToken> {
  const { data } = await app.octokit.request("POST /app/installations/{installation_id}/access_tokens", {
    installation_id: installationId,
    repositories: [repository.name],
    permissions,
  });
  return { token: data.token, expiresAt: new Date(data.expires_at), repository: `${repository.owner}/${repository.name}`, permissions: (data.permissions ?? {}) as StepPermissions };
}

/**
 * Revokes a token with itself (DELETE /installation/token), from whichever process holds it. Answers
 * false when GitHub says it was already unusable (expired or revoked), which is what revoking wants.
 */
export async function revokeStepToken(apiUrl: string, token: string): Promise<boolean> {
  try {
    // Revoking is not paced and not retried: it must happen now, once.
    await tokenClient(apiUrl, token).request("DELETE /installation/token", { request: { retries: 0 } });
    return true;
  } catch (e) {
    if ((e as { status?: number }).status === 401) return false;
    throw e;
  }
}
