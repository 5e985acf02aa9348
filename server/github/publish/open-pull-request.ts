// The PR step, idempotent by construction: the branch is the key. The open PR for the head branch is
// looked for first and adopted; creating one that GitHub says already exists (a retry after a 502
// that had in fact created it, another worker) adopts it too. Labels and reviewers are added only
// when missing, so a retry sends nothing twice that would create a second object.
import type { InstallationClient } from "../installation-client";

export type PullRequestSpec = {
  owner: string; name: string; branch: string; base: string; title: string; body: string; draft: boolean; labels: string[]; teamReviewers: string[];
};

export type OpenedPullRequest = { number: number; url: string; draft: boolean; created: boolean; openedAt: Date };

type Pr = { number: number; html_url: string; draft?: boolean; created_at: string; title: string; body: string | null; labels: { name: string }[]; requested_teams?: { slug: string }[] | null };

const status = (e: unknown) => (e as { status?: number }).status;

function alreadyExists(e: unknown): boolean {
  if (status(e) !== 422) return false;
  const data = (e as { response?: { data?: { message?: string; errors?: { message?: string }[] } } }).response?.data;
  return [data?.message, ...(data?.errors ?? []).map((x) => x.message)].some((m) => /already exists/i.test(m ?? ""));
}

export async function openPullRequest(gh: InstallationClient, p: PullRequestSpec): Promise<OpenedPullRequest> {
  const repo = { owner: p.owner, repo: p.name };
  const find = async (): Promise<Pr | undefined> => (await gh.request("GET /repos/{owner}/{repo}/pulls", { ...repo, head: `${p.owner}:${p.branch}`, state: "open", per_page: 5 })).data[0];
  let pr: Pr | undefined = await find();
  let created = false;
  if (!pr) {
    try {
      pr = (await gh.request("POST /repos/{owner}/{repo}/pulls", { ...repo, title: p.title, head: p.branch, base: p.base, body: p.body, draft: p.draft })).data;
      created = true;
    } catch (e) {
      if (!alreadyExists(e)) throw e;
      pr = await find();
      if (!pr) throw e;
    }
  } else if (pr.title !== p.title || (pr.body ?? "") !== p.body) {
    await gh.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: pr.number, title: p.title, body: p.body });
  }
  const has = new Set(pr.labels.map((l) => l.name));
  const missing = p.labels.filter((l) => !has.has(l));
  if (missing.length) await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...repo, issue_number: pr.number, labels: missing });
  const asked = new Set((pr.requested_teams ?? []).map((t) => t.slug));
  const teams = p.teamReviewers.filter((t) => !asked.has(t));
  if (teams.length && created) await gh.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", { ...repo, pull_number: pr.number, reviewers: [], team_reviewers: teams });
  return { number: pr.number, url: pr.html_url, draft: pr.draft ?? false, created, openedAt: new Date(pr.created_at) };
}
