// GitHub's shapes for the objects every answer embeds: users, repositories, installations, labels.
// Field sets follow GitHub's published schemas (simple-user, repository, installation, label).
import type { TwinApp, TwinInstallation, TwinLabel, TwinRepository, TwinUser } from "./twin-types";

export type Urls = { api: string; html: string };

export const nodeId = (kind: string, id: number) => Buffer.from(`${kind}:${id}`).toString("base64url");

export function renderUser(u: TwinUser, urls: Urls) {
  const api = `${urls.api}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId(u.type, u.id),
    avatar_url: `${urls.html}/avatars/${u.id}`,
    gravatar_id: "",
    url: api,
    // A bot's page is its app's (https://github.com/apps/<slug>): "[bot]" does not belong in a URL.
    html_url: u.type === "Bot" ? `${urls.html}/apps/${u.login.replace(/\[bot\]$/, "")}` : `${urls.html}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function renderRepository(r: TwinRepository, owner: TwinUser, urls: Urls) {
  const full = `${r.owner}/${r.name}`;
  const api = `${urls.api}/repos/${full}`;
  const html = `${urls.html}/${full}`;
  return {
    id: r.id,
    node_id: nodeId("Repository", r.id),
    name: r.name,
    full_name: full,
    private: r.private,
    owner: renderUser(owner, urls),
    html_url: html,
    description: null,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    pushed_at: r.pushedAt,
    git_url: `${html.replace(/^https?:/, "git:")}.git`,
    ssh_url: `git@${new URL(urls.html).host}:${full}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: false,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: 0,
    license: null,
    allow_forking: false,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: r.private ? "private" : "public",
    forks: 0,
    open_issues: 0,
    watchers: 0,
    default_branch: r.defaultBranch,
  };
}

export function renderInstallation(i: TwinInstallation, app: TwinApp, account: TwinUser, urls: Urls) {
  return {
    id: i.id,
    account: renderUser(account, urls),
    repository_selection: i.repositorySelection,
    access_tokens_url: `${urls.api}/app/installations/${i.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.html}/organizations/${i.account.login}/settings/installations/${i.id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account.id,
    target_type: i.account.type,
    permissions: i.permissions,
    events: i.events,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

export function renderApp(app: TwinApp, owner: TwinUser, urls: Urls, installationsCount: number, permissions: Record<string, string>, events: string[]) {
  return {
    id: app.id,
    slug: app.slug,
    client_id: `Iv1.${app.id.toString(16).padStart(16, "0")}`,
    node_id: nodeId("Integration", app.id),
    owner: renderUser(owner, urls),
    name: app.name,
    description: "The GitHub twin's app",
    external_url: urls.html,
    html_url: `${urls.html}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions,
    events,
    installations_count: installationsCount,
  };
}

export function renderLabel(l: TwinLabel, repo: TwinRepository, urls: Urls) {
  return { id: l.id, node_id: nodeId("Label", l.id), url: `${urls.api}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(l.name)}`, name: l.name, description: l.description ?? "", color: l.color, default: false };
}
