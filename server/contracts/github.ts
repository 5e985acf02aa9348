// Admin → GitHub: the tenant's installations (bound through GitHub's install flow, or by a platform
// admin), their repositories and how each maps to a Fleetgate repository, webhook health, and the
// GitHub logins and teams people and teams are linked to.
import { z } from "zod";
import { ZBindInstallation } from "../github/installations/installation-input";
import { ZGithubInstallation, ZGithubInstallationDetail, ZSyncResult, ZWebhookHealth } from "../github/installations/installation-view";
import { ZSetGithubLogin, ZSetGithubTeam } from "../github/installations/github-names";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZMember } from "../members/member-view";
import { ZTeam } from "../teams/team-view";

const tenantParams = z.object({ tenant: ZTenantParam });
const installationParams = z.object({ tenant: ZTenantParam, installationId: ZId });

export const listInstallationsRoute = defineRoute({
  id: "github.installation.list", method: "GET", path: "/api/v1/tenants/{tenant}/github/installations", tag: "github",
  summary: "The tenant's GitHub App installations: account, repository selection, suspended or uninstalled, who bound it and when, last sync",
  permission: "github.read", params: tenantParams, response: z.object({ installations: z.array(ZGithubInstallation) }),
});

export const bindInstallationRoute = defineRoute({
  id: "github.installation.bind", method: "POST", path: "/api/v1/tenants/{tenant}/github/installations", tag: "github",
  summary: "Bind a GitHub installation to the tenant by its GitHub id, without the install flow (github.bind, a platform admin's). Another tenant's installation answers 404; its repositories are synced next",
  permission: "github.manage", params: tenantParams, body: ZBindInstallation, response: ZGithubInstallation,
  alsoRequires: [{ permission: "github.bind", when: "bindsUnboundInstallation", because: "an installation is bound to a tenant through GitHub's install flow, or by a platform admin" }],
});

export const getInstallationRoute = defineRoute({
  id: "github.installation.get", method: "GET", path: "/api/v1/tenants/{tenant}/github/installations/{installationId}", tag: "github",
  summary: "One installation with the Fleetgate repositories mapped to it (risk tier and owning team are Fleetgate's)",
  permission: "github.read", params: installationParams, response: ZGithubInstallationDetail,
});

export const unbindInstallationRoute = defineRoute({
  id: "github.installation.unbind", method: "DELETE", path: "/api/v1/tenants/{tenant}/github/installations/{installationId}", tag: "github",
  summary: "Unbind an installation from the tenant (the App stays installed on GitHub); its repositories lose the mapping and are kept",
  permission: "github.manage", params: installationParams, response: ZGithubInstallation.extend({ unmappedRepositories: z.number().int() }),
});

export const syncInstallationRoute = defineRoute({
  id: "github.installation.sync", method: "POST", path: "/api/v1/tenants/{tenant}/github/installations/{installationId}/sync", tag: "github",
  summary: "Sync now: read the installation's repositories from GitHub and map each to a Fleetgate repository (existing by GitHub id or owner/name, else created with risk tier standard and no team); repositories no longer in it lose the mapping",
  permission: "github.manage", params: installationParams, response: ZSyncResult,
});

export const startInstallRoute = defineRoute({
  id: "github.install.start", method: "POST", path: "/api/v1/tenants/{tenant}/github/install", tag: "github",
  summary: "Start GitHub's install flow: the URL of the App's install page, with a signed state naming the tenant and the person (valid 15 minutes). GitHub sends the person back to /api/github/setup, which binds the new installation",
  permission: "github.manage", params: tenantParams, response: z.object({ url: z.string(), expiresAt: z.string() }),
});

export const webhookHealthRoute = defineRoute({
  id: "github.webhook_health", method: "GET", path: "/api/v1/tenants/{tenant}/github/webhook-health", tag: "github",
  summary: "GitHub webhook deliveries for the tenant's installations: the last one received, the last 24 hours' outcomes (applied, ignored, failed, pending) and the latest failures with their reasons",
  permission: "github.read", params: tenantParams, response: ZWebhookHealth,
});

export const setGithubLoginRoute = defineRoute({
  id: "member.set_github_login", method: "PUT", path: "/api/v1/tenants/{tenant}/members/{memberId}/github-login", tag: "github",
  summary: "Link a member to their GitHub login (unique in the tenant, compared without case), or unlink with null",
  permission: "github.manage", params: z.object({ tenant: ZTenantParam, memberId: ZId }), body: ZSetGithubLogin, response: ZMember,
  example: { body: { githubLogin: "e2e-{unique}" } },
});

export const setGithubTeamRoute = defineRoute({
  id: "team.set_github_team", method: "PUT", path: "/api/v1/tenants/{tenant}/teams/{teamId}/github-team", tag: "github",
  summary: "Link a team to its GitHub team (the slug in the installation's organization), or unlink with null",
  permission: "github.manage", params: z.object({ tenant: ZTenantParam, teamId: ZId }), body: ZSetGithubTeam, response: ZTeam,
  example: { body: { githubTeam: "e2e-{unique}" } },
});
