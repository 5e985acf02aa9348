// What GitHub says about commits on the default branch, read with a read_state token: a commit's
// checks (its check runs, the latest of each name, and its commit statuses, the latest of each
// context) summed up as a changeset's checks are (checks-state.ts), and its first parent and title,
// to walk the branch's first-parent history back from a merge.
import type { InstallationClient } from "../installation-client";
import { checkOutcome, checksStateOf, type CheckFact, type ChecksState } from "../webhooks/checks-state";

export type CommitChecks = { state: ChecksState; failing: string[]; pending: string[] };
export type CommitFacts = { sha: string; title: string; parents: string[] };

type Repo = { owner: string; name: string };
const ONCE = { request: { retries: 0 } } as const;

// A status's state as a check's status and conclusion: error and failure fail, pending waits.
const statusFact = (context: string, state: string): CheckFact =>
  state === "pending" ? { name: `status:${context}`, status: "in_progress", conclusion: null } : { name: `status:${context}`, status: "completed", conclusion: state === "success" ? "success" : "failure" };

export async function readCommitChecks(gh: InstallationClient, repo: Repo, sha: string): Promise<CommitChecks> {
  const base = { owner: repo.owner, repo: repo.name, ref: sha, per_page: 100, ...ONCE };
  const [runs, combined] = await Promise.all([
    gh.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", base),
    gh.request("GET /repos/{owner}/{repo}/commits/{ref}/status", base),
  ]);
  // Oldest first (ids grow), so a re-run of a check replaces its earlier report.
  const facts: CheckFact[] = [...runs.data.check_runs].sort((x, y) => Number(x.id) - Number(y.id)).map((c) => ({ name: c.name, status: c.status, conclusion: c.conclusion ?? null }));
  for (const s of combined.data.statuses) facts.push(statusFact(s.context, s.state));
  const latest = new Map(facts.map((f) => [f.name, f]));
  const named = (outcome: string) => [...latest.values()].filter((f) => checkOutcome(f) === outcome).map((f) => f.name).sort();
  return { state: checksStateOf(facts), failing: named("failing"), pending: named("pending") };
}

export async function readCommit(gh: InstallationClient, repo: Repo, sha: string): Promise<CommitFacts> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/commits/{ref}", { owner: repo.owner, repo: repo.name, ref: sha, ...ONCE });
  return { sha: data.sha, title: data.commit.message.split("\n")[0]!.slice(0, 200), parents: data.parents.map((p) => p.sha) };
}

export type WalkedCommit = CommitFacts & { checks: CommitChecks };

/**
 * The default branch's first-parent history before `merge` (its first parent, that one's, ...), each
 * with its checks, up to and including the first whose checks pass, at most `limit` commits.
 */
export async function walkBack(gh: InstallationClient, repo: Repo, merge: CommitFacts, limit: number): Promise<WalkedCommit[]> {
  const out: WalkedCommit[] = [];
  let next = merge.parents[0];
  while (next && out.length < limit) {
    const [commit, checks] = await Promise.all([readCommit(gh, repo, next), readCommitChecks(gh, repo, next)]);
    out.push({ ...commit, checks });
    if (checks.state === "passing") break;
    next = commit.parents[0];
  }
  return out;
}
