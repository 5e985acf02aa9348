// Pieces the twin's pages share: paths, SHAs, times, a pull request's state badge and the table of
// pull requests the home and repository pages list.
import { html, type Html } from "./html-template";
import type { TwinContext } from "./twin-context";
import type { TwinPull, TwinRepository } from "./twin-types";

export const repoPath = (repo: TwinRepository) => `/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}`;
export const pullPath = (repo: TwinRepository, number: number) => `${repoPath(repo)}/pull/${number}`;

export function findRepositoryNamed(ctx: TwinContext, owner: string, name: string): TwinRepository | undefined {
  return ctx.store.data.repositories.find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase());
}

export const sha = (full: string | null | undefined): Html => (full ? html`<code class="sha" title="${full}">${full.slice(0, 7)}</code>` : html`<span class="muted">—</span>`);

/** 2026-12-07 20:03 UTC, with the exact instant in the element. */
export function when(iso: string | null | undefined): Html {
  if (!iso || Number.isNaN(Date.parse(iso))) return html`<span class="muted">—</span>`;
  const text = `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return html`<time datetime="${iso}" title="${iso}">${text}</time>`;
}

export type PullStateKey = "open" | "draft" | "merged" | "closed";
export const pullState = (p: TwinPull): PullStateKey => (p.merged ? "merged" : p.state === "closed" ? "closed" : p.draft ? "draft" : "open");
const STATE_LABEL: Record<PullStateKey, string> = { open: "Open", draft: "Draft", merged: "Merged", closed: "Closed" };
export const stateBadge = (p: TwinPull): Html => html`<span class="badge ${pullState(p)}">${STATE_LABEL[pullState(p)]}</span>`;

export const branch = (name: string): Html => html`<span class="branch">${name}</span>`;

/** Pull requests, newest first, each linking to its page. */
export function pullTable(ctx: TwinContext, pulls: TwinPull[], options: { showRepository: boolean }): Html {
  if (!pulls.length) return html`<p class="muted">None.</p>`;
  const repoOf = (p: TwinPull) => ctx.store.data.repositories.find((r) => r.id === p.repositoryId);
  const rows = [...pulls]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number)
    .map((p) => {
      const repo = repoOf(p);
      if (!repo) return null;
      return html`<tr>
<td>${stateBadge(p)}</td>
<td><a href="${pullPath(repo, p.number)}">${options.showRepository ? `${repo.owner}/${repo.name}#${p.number}` : `#${p.number}`}</a></td>
<td><a href="${pullPath(repo, p.number)}">${p.title}</a><div class="small muted">${branch(p.head.ref)} → ${branch(p.base.ref)} by ${p.userLogin}</div></td>
<td class="small muted">${when(p.updatedAt)}</td>
</tr>`;
    });
  return html`<table><thead><tr><th>State</th><th>Number</th><th>Title</th><th>Updated</th></tr></thead><tbody>${rows}</tbody></table>`;
}
