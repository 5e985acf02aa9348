// The GitHub REST operations and webhook events Fleetgate uses: the one list the extract, the twin's
// validation and their tests are made from. Schema only, no logic.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type GithubOperationKey = { method: HttpMethod; path: string };

const USED: Record<string, HttpMethod[]> = {
  "/app": ["get"],
  "/app/installations": ["get"],
  "/app/installations/{installation_id}": ["get"],
  "/app/installations/{installation_id}/access_tokens": ["post"],
  "/installation/token": ["delete"],
  // The app's webhook deliveries: reconciliation finds missed ones and asks for a redelivery.
  "/app/hook/deliveries": ["get"],
  "/app/hook/deliveries/{delivery_id}": ["get"],
  "/app/hook/deliveries/{delivery_id}/attempts": ["post"],
  "/installation/repositories": ["get"],
  "/repos/{owner}/{repo}": ["get"],
  "/repos/{owner}/{repo}/branches/{branch}": ["get"],
  "/repos/{owner}/{repo}/git/ref/{ref}": ["get"],
  "/repos/{owner}/{repo}/git/refs/{ref}": ["delete"],
  "/repos/{owner}/{repo}/commits/{ref}": ["get"],
  "/repos/{owner}/{repo}/compare/{basehead}": ["get"],
  "/repos/{owner}/{repo}/pulls": ["get", "post"],
  "/repos/{owner}/{repo}/pulls/{pull_number}": ["get", "patch"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/commits": ["get"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": ["post", "delete"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews": ["get", "post"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge": ["put"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments": ["get"],
  "/repos/{owner}/{repo}/issues/{issue_number}/labels": ["post"],
  "/repos/{owner}/{repo}/issues/{issue_number}/comments": ["get", "post"],
  "/repos/{owner}/{repo}/labels": ["post"],
  "/repos/{owner}/{repo}/commits/{ref}/check-runs": ["get"],
  "/repos/{owner}/{repo}/check-runs": ["post"],
  "/repos/{owner}/{repo}/commits/{ref}/status": ["get"],
  "/repos/{owner}/{repo}/statuses/{sha}": ["post"],
  "/orgs/{org}/teams": ["get"],
  "/orgs/{org}/teams/{team_slug}/members": ["get"],
  "/users/{username}": ["get"],
};

export const GITHUB_OPERATIONS: readonly GithubOperationKey[] = Object.entries(USED)
  .flatMap(([path, methods]) => methods.map((method) => ({ method, path })));

/** Webhook events (GitHub's `X-GitHub-Event` names); every action of each is kept. */
export const GITHUB_WEBHOOK_EVENTS = [
  "pull_request", "pull_request_review", "pull_request_review_comment", "issue_comment",
  "check_run", "check_suite", "status", "push", "installation", "installation_repositories",
] as const;
export type GithubWebhookEvent = (typeof GITHUB_WEBHOOK_EVENTS)[number];

export function formatOperation({ method, path }: GithubOperationKey): string {
  return `${method.toUpperCase()} ${path}`;
}
