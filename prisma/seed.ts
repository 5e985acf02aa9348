// Demo data: two tenants with teams, repositories of every risk tier, one user per role per tenant,
// one platform admin and one person with roles in both tenants. Safe to run again: it only adds
// what is missing, and audits what it adds.
import bcrypt from "bcryptjs";
import { appendAuditEvent } from "../server/audit/append-event";
import { db, disconnectDb, type Tx } from "../server/db/client";
import { TENANT_ROLES, type TenantRole } from "../server/authz/roles";
import { importPlatformPolicies } from "../server/policy/import-platform-policies";
import { seedDecisionRecords, seedTenantPolicies } from "./seed-policies";
import { ensureDemoRemotes } from "../server/repositories/demo-remotes";
import { env } from "../server/env";
import { seedDemoGithub } from "./demo/github/seed-demo-github";
import { twinControl } from "./demo/github/twin-control";
import { ACME_FLEET, FLEET_TEAMS } from "./demo/fleet/fleet";

export const DEMO_PASSWORD = "fleetgate-demo";

type RepoSeed = { owner: string; name: string; tier: "low" | "standard" | "high" | "regulated" | "critical"; team: string };

export const TENANTS: { slug: string; name: string; teams: [string, string][]; repos: RepoSeed[] }[] = [
  {
    slug: "acme",
    name: "Acme Corp",
    teams: [["payments", "Payments"], ["platform", "Platform"], ["web", "Web"], ...FLEET_TEAMS],
    repos: [
      { owner: "acme", name: "docs-site", tier: "low", team: "web" },
      { owner: "acme", name: "web-frontend", tier: "standard", team: "web" },
      { owner: "acme", name: "platform-api", tier: "high", team: "platform" },
      { owner: "acme", name: "billing-ledger", tier: "regulated", team: "payments" },
      { owner: "acme", name: "payment-service", tier: "critical", team: "payments" },
      // The fleet the demo campaigns roll out across (prisma/demo/fleet).
      ...ACME_FLEET.map((r) => ({ owner: "acme", name: r.name, tier: r.tier, team: r.team })),
    ],
  },
  {
    slug: "globex",
    name: "Globex Inc",
    teams: [["core", "Core"], ["data", "Data"]],
    repos: [
      { owner: "globex", name: "handbook", tier: "low", team: "core" },
      { owner: "globex", name: "inventory-service", tier: "standard", team: "core" },
      { owner: "globex", name: "data-pipeline", tier: "high", team: "data" },
      { owner: "globex", name: "patient-records", tier: "regulated", team: "data" },
      { owner: "globex", name: "auth-gateway", tier: "critical", team: "core" },
    ],
  },
];

export const roleEmail = (role: TenantRole, tenant: string) => `${role.replaceAll("_", "-")}@${tenant}.test`;
export const PLATFORM_ADMIN_EMAIL = "platform-admin@fleetgate.test";
export const MULTI_TENANT_EMAIL = "consultant@fleetgate.test";

const seedAudit = (tx: Tx, tenantId: string | null, action: string, resourceType: string, resourceId: string, after: Record<string, unknown>) =>
  appendAuditEvent(tx, { tenantId, actorType: "system", actorLabel: "seed", action, resourceType, resourceId, after });

/**
 * With a GitHub twin (`twinUrl`, from GITHUB_TWIN_URL: `npm run up` and the e2e tier start one), the
 * demo repositories live on it, mapped through its App installations, with the demo tenant's agent pull
 * requests (prisma/demo/github). Without one (the integration tier, the bench, a seed run by hand),
 * each demo repository's remote is a local bare repository under DEMO_REPOS_DIR, and there are no PRs,
 * campaigns or cost history (prisma/demo/cost).
 */
export async function seed(options: { twinUrl?: string | null } = {}): Promise<{ created: number }> {
  const twinUrl = options.twinUrl === undefined ? (env().GITHUB_TWIN_URL ?? null) : options.twinUrl;
  const twin = twinUrl ? twinControl(twinUrl) : null;
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  let created = 0;
  // Git work stays outside the transaction; the rows only point at the remotes.
  const remotes = twin ? null : await ensureDemoRemotes();
  await db.$transaction(async (tx) => {
    const ensureUser = async (email: string, name: string, platformAdmin = false) => {
      const found = await tx.user.findUnique({ where: { email } });
      if (found) return found;
      const user = await tx.user.create({ data: { email, name, passwordHash, platformAdmin } });
      created++;
      await seedAudit(tx, null, "user.create", "user", user.id, { email, name, platformAdmin });
      return user;
    };
    const ensureMembership = async (tenantId: string, userId: string, roles: TenantRole[]) => {
      const found = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
      if (found) return;
      const m = await tx.membership.create({ data: { tenantId, userId, roles } });
      created++;
      await seedAudit(tx, tenantId, "member.add", "membership", m.id, { userId, roles });
    };

    await ensureUser(PLATFORM_ADMIN_EMAIL, "Platform Admin", true);
    created += (await importPlatformPolicies(tx)).imported.length;
    const tenantIds: Record<string, string> = {};
    for (const t of TENANTS) {
      let tenant = await tx.tenant.findUnique({ where: { slug: t.slug } });
      if (!tenant) {
        tenant = await tx.tenant.create({ data: { slug: t.slug, name: t.name } });
        created++;
        await seedAudit(tx, tenant.id, "tenant.create", "tenant", tenant.id, { slug: t.slug, name: t.name });
      }
      tenantIds[t.slug] = tenant.id;
      const teamIds: Record<string, string> = {};
      for (const [slug, name] of t.teams) {
        let team = await tx.team.findUnique({ where: { tenantId_slug: { tenantId: tenant.id, slug } } });
        if (!team) {
          team = await tx.team.create({ data: { tenantId: tenant.id, slug, name } });
          created++;
          await seedAudit(tx, tenant.id, "team.create", "team", team.id, { slug, name });
        }
        teamIds[slug] = team.id;
      }
      for (const r of t.repos) {
        const key = { tenantId_provider_owner_name: { tenantId: tenant.id, provider: "github", owner: r.owner, name: r.name } };
        const remoteUrl = twin ? twin.cloneUrl(r.owner, r.name) : (remotes!.get(`${r.owner}/${r.name}`) ?? null);
        const found = await tx.repository.findUnique({ where: key });
        if (found) {
          // On the twin, seedDemoGithub maps the row. Locally, DEMO_REPOS_DIR may have moved since the last
          // seed, or the demo ran on a twin before: the local remote is cloned without an installation.
          if (!twin && (found.remoteUrl !== remoteUrl || found.githubInstallationId)) {
            await tx.repository.update({ where: { id: found.id }, data: { remoteUrl, githubInstallationId: null, githubRepoId: null } });
          }
          continue;
        }
        const repo = await tx.repository.create({
          // Every demo project is a Node package whose tests run with node --test.
          data: { tenantId: tenant.id, owner: r.owner, name: r.name, riskTier: r.tier, teamId: teamIds[r.team] ?? null, remoteUrl, verifierProfile: "node-test" },
        });
        created++;
        await seedAudit(tx, tenant.id, "repository.create", "repository", repo.id, { owner: r.owner, name: r.name, riskTier: r.tier });
      }
      for (const role of TENANT_ROLES) {
        const label = role.replaceAll("_", " ");
        const user = await ensureUser(roleEmail(role, t.slug), `${t.name} ${label[0]!.toUpperCase()}${label.slice(1)}`);
        await ensureMembership(tenant.id, user.id, [role]);
      }
    }
    created += await seedTenantPolicies(tx, tenantIds.acme!);
    for (const t of TENANTS) {
      created += await seedDecisionRecords(tx, tenantIds[t.slug]!, {
        teams: t.teams.map(([slug]) => slug),
        repositories: t.repos.map((r) => ({ name: r.name, riskTier: r.tier })),
      });
    }
    const consultant = await ensureUser(MULTI_TENANT_EMAIL, "Casey Consultant");
    await ensureMembership(tenantIds.acme!, consultant.id, ["approver", "auditor"]);
    await ensureMembership(tenantIds.globex!, consultant.id, ["viewer"]);
  }, { timeout: 60_000 });
  if (twin) created += await seedDemoGithub(twin.url, TENANTS.map((t) => ({ slug: t.slug, repos: t.repos })));
  return { created };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, "/"));
if (isMain) {
  try {
    const { created } = await seed();
    console.log(created ? `seeded ${created} records` : "demo data already present");
  } catch (e) {
    console.error(`fleetgate: seed: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    await disconnectDb();
  }
}
