// One repository's page: its branches with their head SHAs (read from the bare repository, the
// truth for refs), the pull request each open branch has, and all its pull requests.
import { readBranches } from "./bare-repository";
import { html } from "./html-template";
import { branch, pullPath, pullTable, sha } from "./page-parts";
import { repoDirOf, type TwinContext } from "./twin-context";
import type { TwinRepository } from "./twin-types";

export async function renderRepositoryBody(ctx: TwinContext, repo: TwinRepository) {
  const branches = [...(await readBranches(repoDirOf(ctx, repo)))].sort(([a], [b]) => (a === repo.defaultBranch ? -1 : b === repo.defaultBranch ? 1 : a.localeCompare(b)));
  const pulls = ctx.store.data.pulls.filter((p) => p.repositoryId === repo.id);
  const rows = branches.map(([name, head]) => {
    const open = pulls.find((p) => p.state === "open" && p.head.ref === name);
    return html`<tr><td>${branch(name)}${name === repo.defaultBranch ? html` <span class="small muted">default</span>` : null}</td><td>${sha(head)}</td>
<td>${open ? html`<a href="${pullPath(repo, open.number)}">#${open.number} ${open.title}</a>` : html`<span class="muted">—</span>`}</td></tr>`;
  });
  return html`<h1>${repo.owner}/${repo.name}</h1>
<p class="muted">${repo.private ? "Private" : "Public"} · clone <code>${`${ctx.urls.html}/${repo.owner}/${repo.name}.git`}</code> · ${repo.requiredApprovals ? `${repo.requiredApprovals} approving review${repo.requiredApprovals > 1 ? "s" : ""} required to merge` : "no approvals required to merge"}</p>
<div class="card"><h2>Branches <span class="muted">(${branches.length})</span></h2>${branches.length ? html`<table><thead><tr><th>Branch</th><th>Head</th><th>Open pull request</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">No branches yet: nothing has been pushed.</p>`}</div>
<div class="card"><h2>Pull requests <span class="muted">(${pulls.length})</span></h2>${pullTable(ctx, pulls, { showRepository: false })}</div>`;
}
