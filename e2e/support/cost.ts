// Fixtures for the cost journey: a tenant of its own (its model endpoint and budgets disturb no other
// spec), whose admin may also start tasks, with an auditor; a repository of that tenant whose remote is a
// local bare git repository holding a demo project (the worker clones it like any remote).
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { unique } from "./api";
import { sql, tenantId } from "./db";
import { ownTenant } from "./runs";
import { saveSignedIn } from "./sign-in";

const DEMO_PROJECTS = path.join(import.meta.dirname, "../../prisma/demo/repos");
const GIT_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "E2E", GIT_AUTHOR_EMAIL: "e2e@example.test", GIT_COMMITTER_NAME: "E2E", GIT_COMMITTER_EMAIL: "e2e@example.test" };

/** A tenant of the test's own: its admin also holds operator (to start tasks); an auditor beside. */
export async function costTenant(): Promise<{ slug: string; adminEmail: string; auditorEmail: string }> {
  const own = await ownTenant("cost");
  const tid = await tenantId(own.slug);
  await sql(`UPDATE "Membership" SET roles = ARRAY['tenant_admin', 'operator'] WHERE "tenantId" = $1`, [tid]);
  const u = unique();
  const auditorEmail = `e2e-cost-auditor-${u}@example.test`;
  const password = `e2e-${randomUUID()}`;
  await sql(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [`e2e-user-${u}`, auditorEmail, `E2E auditor ${u}`, await bcrypt.hash(password, 4)]);
  await sql(`INSERT INTO "Membership" (id, "tenantId", "userId", roles, "updatedAt") VALUES ($1, $2, $3, ARRAY['auditor'], now())`, [`e2e-member-${u}`, tid, `e2e-user-${u}`]);
  await saveSignedIn(auditorEmail, password);
  return { slug: own.slug, adminEmail: own.admin.email, auditorEmail };
}

/** A repository of the tenant (standard tier, Node tests) whose remote is a fresh local bare repository of the demo project `like`. */
export async function localRepository(slug: string, like = "web-frontend"): Promise<{ id: string; fullName: string }> {
  const root = mkdtempSync(path.join(tmpdir(), "fleetgate-e2e-remote-"));
  const work = path.join(root, "work");
  cpSync(path.join(DEMO_PROJECTS, "acme", like), work, { recursive: true });
  const git = (args: string[], cwd = work) => execFileSync("git", args, { cwd, env: GIT_ENV as unknown as NodeJS.ProcessEnv, stdio: "pipe" });
  git(["init", "-q", "-b", "main"]);
  git(["add", "-A"]);
  git(["commit", "-q", "-m", "Initial import"]);
  const bare = path.join(root, `${like}.git`);
  git(["clone", "-q", "--bare", work, bare], root);
  const id = `e2e-repo-${unique()}`;
  const name = `${like}-${unique()}`;
  await sql(
    `INSERT INTO "Repository" (id, "tenantId", owner, name, "riskTier", "remoteUrl", "verifierProfile", "updatedAt")
     VALUES ($1, $2, 'e2e', $3, 'standard', $4, 'node-test', now())`,
    [id, await tenantId(slug), name, bare],
  );
  return { id, fullName: `e2e/${name}` };
}
