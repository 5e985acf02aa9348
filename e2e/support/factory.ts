// Fresh objects created through the API by the tenant's own admin (policy documents and their
// approval requests: by a policy admin who is none of the matrix's callers), for any path parameter.
import { randomUUID } from "node:crypto";
import { request } from "@playwright/test";
import type { TenantRole } from "../../server/authz/roles";
import { FOREIGN_TENANT, PLATFORM_ADMIN, ROLE_USERS, storageStateOf, tenantAdmin, type Persona, type TenantSlug } from "../fixtures";
import { expect, unique, type Contexts } from "./api";
import { insertChangesetFor } from "./changesets";
import { sql, tenantId } from "./db";
import { BASE_URL } from "./env";
import { boundInstallation } from "./github-fixtures";
import { fixturePolicy, fixtureTests } from "./policy-yaml";
import { campaignBody, latestAuditSeq, latestVersionNumber, PARAM_KINDS } from "./route-fixtures";
import { signIn } from "./sign-in";

/**
 * Creates fresh objects through the API, as the admin of the tenant they belong to (a person with a
 * local password as the platform admin: only member.set_password, a platform admin's, sets one). Policy documents are
 * written, and their activation requested, by a policy admin who is none of the matrix's callers
 * (see policyAuthor), so the approval request is neither raised nor authored by any caller, and
 * every caller the rule accepts may vote on it. Webhooks are bounded per tenant: the ones made here
 * are removed by dispose() when the test ends.
 */
export class Factory {
  private readonly webhooks: string[] = [];

  constructor(private readonly as: Contexts["as"]) {}

  private async post(tenant: TenantSlug, what: string, body: Record<string, unknown>, who?: Persona): Promise<Record<string, unknown>> {
    const ctx = await this.as(who ?? ("initialPassword" in body ? PLATFORM_ADMIN : tenantAdmin(tenant)));
    const res = await ctx.post(`/api/v1/tenants/${tenant}/${what}`, { data: body, failOnStatusCode: false });
    expect(res.status(), `creating ${what} in ${tenant}: ${await res.text()}`).toBe(201);
    return (await res.json()) as Record<string, unknown>;
  }

  /**
   * A new member of the tenant, the way people join: invited with a local password (by the platform
   * admin, the only one who may set one), signed in, invitation accepted. Returns the membership
   * (id, userId, email, roles), with the person signed in: a live session, and their storage state
   * saved under their e-mail.
   */
  async member(tenant: TenantSlug, o: { roles?: TenantRole[]; password?: string } = {}): Promise<Record<string, unknown>> {
    const u = unique();
    const email = `e2e-${u}@example.test`;
    const password = o.password ?? `e2e-${randomUUID()}`;
    const invitation = await this.invitation(tenant, { email, name: `E2E ${u}`, roles: o.roles ?? ["viewer"], initialPassword: password });
    const ctx = await request.newContext({ baseURL: BASE_URL });
    try {
      const outcome = await signIn(ctx, email, password);
      if (!outcome.ok) throw new Error(`sign-in as ${email} failed: ${outcome.error}`);
      const res = await ctx.post(`/api/v1/me/invitations/${String(invitation.id)}/accept`, { failOnStatusCode: false });
      expect(res.status(), `accepting the invitation to ${tenant}: ${await res.text()}`).toBe(200);
      await ctx.storageState({ path: storageStateOf(email) });
      return ((await res.json()) as { member: Record<string, unknown> }).member;
    } finally {
      await ctx.dispose();
    }
  }

  /** A pending invitation to the tenant (a fresh address unless the body names one). */
  invitation(tenant: TenantSlug, body: Record<string, unknown> = {}) {
    return this.post(tenant, "members", { email: `e2e-${unique()}@example.test`, roles: ["viewer"], ...body });
  }
  team(tenant: TenantSlug) {
    const u = unique();
    return this.post(tenant, "teams", { slug: `e2e-${u}`, name: `E2E team ${u}` });
  }
  repository(tenant: TenantSlug) {
    return this.post(tenant, "repositories", { owner: "e2e", name: `repo-${unique()}`, riskTier: "standard" });
  }
  /**
   * A run waiting for approval, with a timeline entry and a patch, on a fresh repository: written
   * straight to the database, since no worker or reconciler touches a waiting run, so it stays as it
   * is while a test reads it. Its requester is none of the callers.
   */
  async run(tenant: TenantSlug) {
    const repositoryId = String((await this.repository(tenant)).id);
    const u = unique();
    const tid = await tenantId(tenant);
    const patch = `diff --git a/NOTES.md b/NOTES.md\nnew file mode 100644\n--- /dev/null\n+++ b/NOTES.md\n@@ -0,0 +1 @@\n+e2e ${u}\n`;
    await sql(`INSERT INTO "Task" (id, "tenantId", "repositoryId", "taskClass", "agentKind", recipe, instruction, autonomy, "requesterLabel")
      VALUES ($1, $2, $3, 'config_migration', 'recipe', 'apiVersion: fleetgate/v1', 'e2e fixture', 'dry_run_patch', 'e2e-fixture@example.test')`, [`e2e-task-${u}`, tid, repositoryId]);
    await sql(`INSERT INTO "Run" (id, "tenantId", "taskId", "repositoryId", "taskClass", "requesterLabel", state, "updatedAt")
      VALUES ($1, $2, $3, $4, 'config_migration', 'e2e-fixture@example.test', 'awaiting_approval', now())`, [`e2e-run-${u}`, tid, `e2e-task-${u}`, repositoryId]);
    await sql(`INSERT INTO "RunEvent" (id, "tenantId", "runId", seq, kind, "toState", message) VALUES ($1, $2, $3, 1, 'transition', 'queued', 'e2e fixture')`, [`e2e-event-${u}`, tid, `e2e-run-${u}`]);
    await sql(`INSERT INTO "RunArtifact" (id, "tenantId", "runId", kind, sha256, size, content) VALUES ($1, $2, $3, 'patch', encode(sha256(convert_to($4, 'UTF8')), 'hex'), length($4), $4)`, [`e2e-patch-${u}`, tid, `e2e-run-${u}`, patch]);
    return { id: `e2e-run-${u}` };
  }

  /** A pull request of a fixture run (see run), open and in review (e2e/support/changesets.ts). */
  async changeset(tenant: TenantSlug) {
    return insertChangesetFor((await this.run(tenant)).id);
  }

  /** A repository kill switch (stopping new runs) on a fresh repository: nothing else is disturbed, and releasing it needs no approval. */
  async killSwitch(tenant: TenantSlug) {
    const target = String((await this.repository(tenant)).id);
    const created = await this.post(tenant, "kill-switches", { level: "repository", target, effects: ["new_runs"], reason: `e2e fixture ${unique()}` });
    return created.killSwitch as { id: string };
  }

  /** A verifier profile no repository uses (so deleting it is allowed). */
  verifierProfile(tenant: TenantSlug) {
    return this.post(tenant, "verifier-profiles", { name: `e2e-${unique()}`, steps: [{ name: "unit-tests", argv: ["node", "--test"], timeoutSeconds: 60 }] });
  }

  /** A draft campaign over one fresh repository, saved by the tenant's campaign owner. */
  async campaign(tenant: TenantSlug) {
    const created = await this.post(tenant, "campaigns", await campaignBody({ tenant }, unique(), this), ROLE_USERS[tenant].campaign_owner);
    return created.campaign as { id: string };
  }

  /** A soft monthly budget over the tenant, far above what the e2e tier spends, so it stops nothing. */
  budget(tenant: TenantSlug) {
    return this.post(tenant, "budgets", { name: `e2e budget ${unique()}`, scope: "tenant", mode: "soft", period: "month", limitMicros: 100_000_000, thresholds: [50, 80, 100] });
  }

  /** A GitHub installation bound to the tenant (e2e/support/github-fixtures.ts). */
  installation(tenant: TenantSlug) {
    return boundInstallation(tenant);
  }

  token(tenant: TenantSlug, roles: string[] = ["viewer"]) {
    return this.post(tenant, "tokens", { name: `e2e-${unique()}`, roles, expiresInDays: 1 });
  }

  /** A new member of the tenant added to the team; returns the person's user id. */
  async teamMember(tenant: TenantSlug, teamId: string): Promise<string> {
    const member = await this.member(tenant);
    const userId = String(member.userId);
    await this.post(tenant, `teams/${teamId}/members`, { userId });
    return userId;
  }

  /** A webhook to an address nobody answers (removed again by dispose). */
  async webhook(tenant: TenantSlug) {
    const created = await this.post(tenant, "webhooks", { url: "https://hooks.example.test/e2e", description: `e2e fixture ${unique()}`, events: ["approval.decided"] });
    this.webhooks.push(String(created.id));
    return created;
  }

  /**
   * A finished delivery of the webhook: a test event (ping), marked failed as the worker leaves one
   * after its last attempt, so that it stays as it is and may be sent again.
   */
  async delivery(tenant: TenantSlug, webhookId: string): Promise<string> {
    const delivery = await this.post(tenant, `webhooks/${webhookId}/ping`, {});
    const id = String(delivery.id);
    // Waits for an attempt in progress (it holds the row) to finish.
    await sql(`UPDATE "WebhookDelivery" SET state = 'failed', "lastError" = 'e2e fixture: no receiver' WHERE id = $1`, [id]);
    return id;
  }

  /** Removes a webhook (fixture or made by the test) when the test ends. */
  forgetWebhook(id: string) {
    this.webhooks.push(id);
  }

  async dispose(): Promise<void> {
    if (this.webhooks.length) await sql(`DELETE FROM "WebhookEndpoint" WHERE id = ANY($1)`, [this.webhooks.splice(0)]);
  }

  /** A tenant policy document whose version 1 is a draft with passing tests; returns the created version and the document's id. */
  async policy(tenant: TenantSlug, o: { who?: Persona; tests?: (dir: string) => string } = {}) {
    const u = unique();
    const name = `e2e-fixture-${u}`;
    const dir = `e2e-${u}`;
    const body = { content: fixturePolicy(name, dir), tests: (o.tests ?? fixtureTests)(dir), message: "Fixture written by the API tests" };
    const saved = await this.post(tenant, "policies", body, o.who ?? (await this.policyAuthor(tenant)));
    return { ...saved, id: String(saved.documentId), name, dir };
  }

  /**
   * A pending activation request (an approval request of kind policy_activation) for a version of
   * the document, asked for by `who` (the policy author by default).
   */
  async activationRequest(tenant: TenantSlug, documentId: string, o: { number?: number; who?: Persona } = {}) {
    const number = o.number ?? (await latestVersionNumber(documentId));
    return this.post(tenant, `policies/${documentId}/versions/${number}/activation`, { note: "fixture for the API tests" }, o.who ?? (await this.policyAuthor(tenant)));
  }

  /** A pending approval request: a fresh document's activation, written and asked for by the policy author. */
  async approval(tenant: TenantSlug, o: { who?: Persona } = {}) {
    const doc = await this.policy(tenant, { who: o.who });
    const request = await this.activationRequest(tenant, doc.id, { who: o.who });
    return { ...request, id: String(request.id), document: doc };
  }

  /**
   * Who writes policy fixtures in a tenant: a policy admin who is none of the matrix's callers. In
   * globex that is the seeded policy admin; acme's seeded one is a matrix caller, so each test
   * worker adds one more person there (a local password set by the platform admin) and signs them in.
   */
  policyAuthor(tenant: TenantSlug): Promise<Persona> {
    let author = policyAuthors.get(tenant);
    if (!author) {
      author = tenant === FOREIGN_TENANT ? Promise.resolve(ROLE_USERS[tenant].policy_admin) : this.newPerson(tenant, ["policy_admin"], "policy-author");
      policyAuthors.set(tenant, author);
    }
    return author;
  }

  /** A new person of the tenant with a local password, signed in (storage state saved under their e-mail). */
  async newPerson(tenant: TenantSlug, roles: TenantRole[], label: string): Promise<Persona> {
    const member = await this.member(tenant, { roles });
    return { key: `${label}@${tenant}`, email: String(member.email), roles: { [tenant]: roles }, platformAdmin: false };
  }

  /**
   * A fresh object of the kind a path parameter names, returning the parameter value. `values` holds
   * the route's earlier parameters: a version number belongs to {documentId}, a team member to
   * {teamId}, a delivery to {webhookId}.
   */
  async objectFor(param: string, tenant: TenantSlug, values: Record<string, string | number> = {}): Promise<string | number> {
    const kind = PARAM_KINDS[param];
    if (!kind) throw new Error(`no fixture for path parameter {${param}}: add it to PARAM_KINDS in e2e/support/route-fixtures.ts`);
    const owner = (name: string) => {
      const v = values[name];
      if (v === undefined) throw new Error(`{${param}} belongs to a {${name}}, which the route must name first`);
      return String(v);
    };
    switch (kind) {
      case "audit": return latestAuditSeq(tenant);
      case "versionNumber": return latestVersionNumber(owner("documentId"));
      case "teamMember": return this.teamMember(tenant, owner("teamId"));
      case "delivery": return this.delivery(tenant, owner("webhookId"));
      case "policy": return (await this.policy(tenant)).id;
      case "approval": return (await this.approval(tenant)).id;
      default: return String((await this[kind](tenant)).id);
    }
  }
}

// Per test worker: the policy author of each tenant (see Factory.policyAuthor).
const policyAuthors = new Map<TenantSlug, Promise<Persona>>();
