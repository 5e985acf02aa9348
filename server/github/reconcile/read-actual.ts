// What GitHub says about a changeset now, read with a read_state token: its pull request (by number,
// or the newest one for its branch), the branch's head, the head's check runs and the reviews. A
// branch or pull request GitHub does not have is null, never an error.
import type { tokenClient } from "../github-app";
import type { PullFacts } from "../webhooks/apply-pull-state";

type Client = ReturnType<typeof tokenClient>;

/** The pull request's own facts (as apply-pull-state.ts takes them), and what reconciliation compares besides. */
export type ActualPull = Omit<PullFacts, "by"> & { author: string | null; headSha: string; labels: string[] };

export type Actual = {
  pull: ActualPull | null;
  /** The branch's head and who committed it; null when the branch is gone. */
  branch: { sha: string; by: string | null } | null;
  checks: { name: string; status: string; conclusion: string | null }[];
  reviews: { id: number; by: string; state: string; at: Date }[];
};

const date = (s: string | null | undefined) => (s ? new Date(s) : null);
const notFound = (e: unknown) => (e as { status?: number }).status === 404;
const ONCE = { request: { retries: 0 } } as const;

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (notFound(e)) return null;
    throw e;
  }
}

type PullJson = {
  number: number; html_url: string; state: string; draft?: boolean; merged?: boolean; merged_at: string | null; closed_at: string | null;
  created_at: string; updated_at: string; merged_by?: { login: string } | null; merge_commit_sha?: string | null; user: { login: string } | null; head: { sha: string }; labels: { name?: string }[];
};

const toPull = (p: PullJson): ActualPull => ({
  number: p.number, url: p.html_url, state: p.state === "closed" ? "closed" : "open", draft: p.draft === true, merged: p.merged === true || p.merged_at !== null,
  createdAt: new Date(p.created_at), updatedAt: new Date(p.updated_at), closedAt: date(p.closed_at), mergedAt: date(p.merged_at),
  mergedBy: p.merged_by?.login ?? null, mergeCommitSha: p.merge_commit_sha && (p.merged === true || p.merged_at !== null) ? p.merge_commit_sha : null, author: p.user?.login ?? null, headSha: p.head.sha, labels: p.labels.flatMap((l) => (l.name ? [l.name] : [])),
});

export async function readActual(client: Client, repo: { owner: string; name: string }, cs: { prNumber: number | null; branch: string }): Promise<Actual> {
  const base = { owner: repo.owner, repo: repo.name };
  let pull: ActualPull | null = null;
  if (cs.prNumber) {
    const r = await orNull(client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...base, pull_number: cs.prNumber, ...ONCE }));
    pull = r ? toPull(r.data as PullJson) : null;
  } else {
    const r = await client.request("GET /repos/{owner}/{repo}/pulls", { ...base, head: `${repo.owner}:${cs.branch}`, state: "all", per_page: 10, ...ONCE });
    const newest = [...r.data].sort((a, b) => b.number - a.number)[0];
    if (newest) pull = toPull((await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...base, pull_number: newest.number, ...ONCE })).data as PullJson);
  }
  const b = await orNull(client.request("GET /repos/{owner}/{repo}/branches/{branch}", { ...base, branch: cs.branch, ...ONCE }));
  const branch = b ? { sha: b.data.commit.sha, by: b.data.commit.author?.login ?? b.data.commit.commit.author?.name ?? null } : null;
  if (!pull || pull.state === "closed") return { pull, branch, checks: [], reviews: [] };
  const [checks, reviews] = await Promise.all([
    client.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { ...base, ref: pull.headSha, per_page: 100, ...ONCE }),
    client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...base, pull_number: pull.number, per_page: 100, ...ONCE }),
  ]);
  return {
    pull,
    branch,
    // Oldest first (ids grow), so a re-run of a check replaces its earlier report.
    checks: [...checks.data.check_runs].sort((x, y) => Number(x.id) - Number(y.id)).map((c) => ({ name: c.name, status: c.status, conclusion: c.conclusion ?? null })),
    reviews: reviews.data.flatMap((r) => (r.user && r.submitted_at ? [{ id: Number(r.id), by: r.user.login, state: r.state, at: new Date(r.submitted_at) }] : [])),
  };
}
