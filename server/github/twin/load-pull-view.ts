// What a pull request's page shows, gathered in one place: its commits (from the bare repository),
// mergeability and review decision (as the API computes them), its conversation, and the checks
// and statuses on its head commit.
import { branchSha, compareCommits } from "./bare-repository";
import { mergeState, reviewDecision } from "./render-pull";
import { runGit } from "./run-git";
import { repoDirOf, type TwinContext } from "./twin-context";
import type { TwinCheckRun, TwinComment, TwinPull, TwinRepository, TwinReview, TwinStatus } from "./twin-types";

export type PullCommit = { sha: string; author: string; date: string; subject: string };
export type ConversationEntry = { kind: "review"; at: string; review: TwinReview } | { kind: "comment"; at: string; comment: TwinComment };

export type PullView = {
  repo: TwinRepository;
  pull: TwinPull;
  baseSha: string;
  commits: PullCommit[];
  diff: { additions: number; deletions: number; changedFiles: number } | null;
  merge: { mergeable: boolean | null; state: string };
  decision: { approvals: number; changesRequested: boolean };
  conversation: ConversationEntry[];
  checkRuns: TwinCheckRun[];
  statuses: TwinStatus[];
};

const COMMIT_LIMIT = 250;

async function listCommits(dir: string, base: string, head: string): Promise<PullCommit[]> {
  const r = await runGit(["log", "--reverse", `--max-count=${COMMIT_LIMIT}`, "--format=%H%x00%an%x00%aI%x00%s", `${base}..${head}`], { cwd: dir });
  if (r.code !== 0) return [];
  return r.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [sha = "", author = "", date = "", subject = ""] = line.split("\0");
      return { sha, author, date, subject };
    });
}

export async function loadPullView(ctx: TwinContext, repo: TwinRepository, pull: TwinPull): Promise<PullView> {
  const dir = repoDirOf(ctx, repo);
  const { data } = ctx.store;
  // While open, the base is its branch's tip now; once closed, the SHA it had then (as the API says).
  const baseSha = pull.state === "open" ? ((await branchSha(dir, pull.base.ref)) ?? pull.base.sha) : pull.base.sha;
  const reviews = data.reviews.filter((r) => r.repositoryId === repo.id && r.pullNumber === pull.number);
  const comments = data.comments.filter((c) => c.repositoryId === repo.id && c.issueNumber === pull.number);
  const conversation: ConversationEntry[] = [...reviews.map((review) => ({ kind: "review" as const, at: review.submittedAt, review })), ...comments.map((comment) => ({ kind: "comment" as const, at: comment.createdAt, comment }))].sort((a, b) => a.at.localeCompare(b.at));
  const latestStatus = new Map<string, TwinStatus>();
  for (const s of data.statuses.filter((x) => x.repositoryId === repo.id && x.sha === pull.head.sha)) {
    const seen = latestStatus.get(s.context);
    if (!seen || seen.updatedAt <= s.updatedAt) latestStatus.set(s.context, s);
  }
  return {
    repo,
    pull,
    baseSha,
    commits: await listCommits(dir, baseSha, pull.head.sha),
    diff: await compareCommits(dir, baseSha, pull.head.sha).catch(() => null),
    merge: await mergeState(ctx, pull, repo),
    decision: reviewDecision(ctx, pull),
    conversation,
    checkRuns: data.checkRuns.filter((c) => c.repositoryId === repo.id && c.headSha === pull.head.sha).sort((a, b) => a.name.localeCompare(b.name)),
    statuses: [...latestStatus.values()].sort((a, b) => a.context.localeCompare(b.context)),
  };
}
