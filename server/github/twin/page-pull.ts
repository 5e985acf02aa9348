// One pull request's page: what it is (title, state, author, head → base with SHAs, labels,
// requested reviewers, mergeability), its description as plain text, its commits, conversation
// and checks, and the forms a person acts with.
import { html, safeHttpUrl, type Html } from "./html-template";
import type { PullView } from "./load-pull-view";
import { branch, repoPath, sha, stateBadge, when } from "./page-parts";
import { reviewForm, sideForms } from "./pull-action-forms";
import type { TwinCheckRun, TwinStatus } from "./twin-types";

/** A label's own colour as its background, with text that stays readable on it; a colour that is not six hex digits is not used. */
function labelStyle(color: string): string {
  if (!/^[0-9a-fA-F]{6}$/.test(color)) return "";
  const [r = 0, g = 0, b = 0] = [0, 2, 4].map((i) => parseInt(color.slice(i, i + 2), 16));
  const light = 0.299 * r + 0.587 * g + 0.114 * b > 150;
  return `background:#${color};color:${light ? "#1f2328" : "#fff"}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function summary(view: PullView): Html {
  const { pull, commits } = view;
  const sides = html`${branch(pull.base.ref)} from ${branch(pull.head.ref)}`;
  if (pull.merged) return html`<b>${pull.mergedBy ?? "someone"}</b> merged ${plural(commits.length, "commit")} into ${sides} ${when(pull.mergedAt)}`;
  if (pull.state === "closed") return html`<b>${pull.userLogin}</b>'s pull request to merge ${plural(commits.length, "commit")} into ${sides} was closed ${when(pull.closedAt)}`;
  return html`<b>${pull.userLogin}</b> wants to merge ${plural(commits.length, "commit")} into ${sides}`;
}

function mergeability(view: PullView): Html {
  const { pull, merge, decision, repo } = view;
  if (pull.merged) return html`Merged as ${sha(pull.mergeCommitSha)} by ${pull.mergedBy ?? "someone"}.`;
  if (pull.state === "closed") return html`Closed without merging.`;
  const approvals = repo.requiredApprovals ? `${decision.approvals} of ${repo.requiredApprovals} required approvals` : plural(decision.approvals, "approval");
  const why: Record<string, string> = {
    clean: "Ready to merge.",
    draft: "A draft: mark it ready for review to merge it.",
    dirty: "Cannot be merged: it conflicts with the base branch, or a branch is gone.",
    blocked: decision.changesRequested ? "Blocked: changes were requested." : "Blocked: it needs more approving reviews.",
  };
  return html`${why[merge.state] ?? merge.state}<div class="small muted">${approvals}${decision.changesRequested ? ", changes requested" : ""}</div>`;
}

function sidebar(view: PullView, login: string): Html {
  const { pull, repo } = view;
  const labels = pull.labels.map((name) => {
    const color = repo.labels.find((l) => l.name === name)?.color ?? "";
    return html`<span class="label" style="${labelStyle(color)}">${name}</span>`;
  });
  return html`<aside class="card side">
<section><h3>Head → base</h3><div>${branch(pull.head.ref)} ${sha(pull.head.sha)}</div><div>→ ${branch(pull.base.ref)} ${sha(view.baseSha)}</div></section>
<section><h3>Mergeability</h3>${mergeability(view)}</section>
<section><h3>Requested reviewers</h3>${pull.requestedReviewers.length ? pull.requestedReviewers.map((l) => html`<div>${l}</div>`) : html`<span class="muted">None</span>`}</section>
<section><h3>Labels</h3>${labels.length ? labels : html`<span class="muted">None</span>`}</section>
${sideForms(view, login)}
</aside>`;
}

function commitsCard(view: PullView): Html {
  const diff = view.diff ? html`<span class="small muted">+${view.diff.additions} −${view.diff.deletions} in ${plural(view.diff.changedFiles, "file")}</span>` : null;
  const rows = view.commits.map((c) => html`<tr><td>${sha(c.sha)}</td><td class="grow">${c.subject}</td><td class="small">${c.author}</td><td class="small muted">${when(c.date)}</td></tr>`);
  return html`<div class="card"><h2>Commits <span class="muted">(${view.commits.length})</span> ${diff}</h2>
${rows.length ? html`<table class="tight"><tbody>${rows}</tbody></table>` : html`<p class="muted">No commits between the base and the head.</p>`}</div>`;
}

function conversationCard(view: PullView, login: string): Html {
  const items = view.conversation.map((e) =>
    e.kind === "review"
      ? html`<div class="item" id="pullrequestreview-${e.review.id}"><div class="who"><b>${e.review.userLogin}</b> reviewed <span class="badge ${e.review.state}">${e.review.state.replace("_", " ").toLowerCase()}</span> <span class="small muted">${when(e.at)} on ${sha(e.review.commitId)}</span></div>${e.review.body ? html`<pre>${e.review.body}</pre>` : null}</div>`
      : html`<div class="item" id="issuecomment-${e.comment.id}"><div class="who"><b>${e.comment.userLogin}</b> commented <span class="small muted">${when(e.at)}</span></div><pre>${e.comment.body}</pre></div>`,
  );
  return html`<div class="card"><h2>Conversation <span class="muted">(${view.conversation.length})</span></h2>
${items.length ? items : html`<p class="muted">No reviews or comments yet.</p>`}</div>
<div class="card"><h2>Add a comment or a review</h2>${reviewForm(view, login)}</div>`;
}

const outcome = (c: TwinCheckRun) => c.conclusion ?? c.status;

function checksCard(view: PullView): Html {
  const runs = view.checkRuns.map((c) => {
    const link = safeHttpUrl(c.detailsUrl);
    const text = [c.output.title, c.output.summary].filter((x): x is string => !!x).join(" — ");
    return html`<tr><td><span class="badge ${outcome(c)}">${outcome(c).replace("_", " ")}</span></td><td class="grow">${c.name}${text ? html`<div class="small muted">${text}</div>` : null}</td>
<td class="small muted">${when(c.completedAt ?? c.startedAt)}</td><td>${link ? html`<a href="${link}" rel="noreferrer">Details</a>` : null}</td></tr>`;
  });
  const statuses = view.statuses.map((s: TwinStatus) => {
    const link = safeHttpUrl(s.targetUrl);
    return html`<tr><td><span class="badge ${s.state}">${s.state}</span></td><td class="grow">${s.context}${s.description ? html`<div class="small muted">${s.description}</div>` : null}</td>
<td class="small muted">${when(s.updatedAt)}</td><td>${link ? html`<a href="${link}" rel="noreferrer">Details</a>` : null}</td></tr>`;
  });
  const all = [...runs, ...statuses];
  return html`<div class="card"><h2>Checks on ${sha(view.pull.head.sha)} <span class="muted">(${all.length})</span></h2>
${all.length ? html`<table class="tight"><tbody>${all}</tbody></table>` : html`<p class="muted">No checks or statuses on the head commit.</p>`}</div>`;
}

export function renderPullBody(view: PullView, login: string): Html {
  const { pull, repo } = view;
  return html`<h1>${pull.title} <span class="num">#${pull.number}</span></h1>
<div class="meta">${stateBadge(pull)} <span>${summary(view)}</span></div>
<div class="grid">
<div>
<div class="card"><h2>Description</h2>${pull.body ? html`<pre>${pull.body}</pre>` : html`<p class="muted">No description provided.</p>`}<p class="small muted">Opened by ${pull.userLogin} ${when(pull.createdAt)} · updated ${when(pull.updatedAt)} · <a href="${repoPath(repo)}">${repo.owner}/${repo.name}</a></p></div>
${commitsCard(view)}
${checksCard(view)}
${conversationCard(view, login)}
</div>
${sidebar(view, login)}
</div>`;
}
