// The twin's home page: its app, the installations, the repositories and every pull request, open
// ones first, each a link to the page where a person acts on it.
import { html } from "./html-template";
import { pullTable, repoPath } from "./page-parts";
import type { TwinContext } from "./twin-context";

export function renderHomeBody(ctx: TwinContext) {
  const { app, installations, repositories, pulls } = ctx.store.data;
  const reposOf = (login: string) => repositories.filter((r) => r.owner.toLowerCase() === login.toLowerCase());
  const installationRows = installations.map((i) => {
    const granted = i.repositorySelection === "all" ? reposOf(i.account.login) : repositories.filter((r) => i.repositoryIds.includes(r.id));
    const permissions = Object.entries(i.permissions).map(([k, v]) => `${k}: ${v}`).join(", ");
    return html`<tr><td>${i.account.login}<div class="small muted">${i.account.type} · installation ${i.id}</div></td>
<td>${i.repositorySelection === "all" ? "all repositories" : `${granted.length} selected`}</td>
<td class="small">${permissions}</td></tr>`;
  });
  const repositoryRows = repositories.map((r) => {
    const open = pulls.filter((p) => p.repositoryId === r.id && p.state === "open").length;
    return html`<tr><td><a href="${repoPath(r)}">${r.owner}/${r.name}</a></td><td><span class="branch">${r.defaultBranch}</span></td>
<td>${open} open</td><td>${r.requiredApprovals ? `${r.requiredApprovals} approval${r.requiredApprovals > 1 ? "s" : ""} to merge` : html`<span class="muted">none</span>`}</td></tr>`;
  });
  const open = pulls.filter((p) => p.state === "open");
  const closed = pulls.filter((p) => p.state === "closed");
  return html`<h1>${app ? `${app.name}` : "GitHub twin"} <span class="num">· app ${app?.id ?? "not set up"}</span></h1>
<p class="muted">Open a pull request to review, comment, set a check, merge or close it as a person; Fleetgate gets the same webhooks GitHub would send.</p>
<div class="card"><h2>Installations</h2>${installations.length ? html`<table><thead><tr><th>Account</th><th>Repositories</th><th>Permissions</th></tr></thead><tbody>${installationRows}</tbody></table>` : html`<p class="muted">None yet.</p>`}</div>
<div class="card"><h2>Repositories</h2>${repositories.length ? html`<table><thead><tr><th>Repository</th><th>Default branch</th><th>Pull requests</th><th>Protection</th></tr></thead><tbody>${repositoryRows}</tbody></table>` : html`<p class="muted">None yet.</p>`}</div>
<div class="card"><h2>Open pull requests <span class="muted">(${open.length})</span></h2>${pullTable(ctx, open, { showRepository: true })}</div>
<div class="card"><h2>Closed pull requests <span class="muted">(${closed.length})</span></h2>${pullTable(ctx, closed, { showRepository: true })}</div>`;
}
