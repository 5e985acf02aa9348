// Fixtures for the runs console and kill-switch journeys: a fresh repository of acme on the e2e GitHub
// twin, holding a demo project's files and reached through acme's installation (so a run really clones
// it with a step token, changes and verifies it, and a switch on it disturbs no other spec), and a
// tenant of a test's own with its own admin, for switches that cover a tenant.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { OWN_TENANT, type Persona } from "../fixtures";
import { unique } from "./api";
import { sql, tenantId } from "./db";
import { E2E_TWIN_URL } from "./env";
import { saveSignedIn } from "./sign-in";

export type FreshRepo = { id: string; fullName: string };

const DEMO_PROJECTS = path.join(import.meta.dirname, "../../prisma/demo/repos");

function projectFiles(root: string, prefix = ""): [string, string][] {
  return readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((e): [string, string][] => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? projectFiles(root, rel) : [[rel, readFileSync(path.join(root, rel), "utf8")]];
  });
}

/** A new repository of acme (standard tier, Node tests) on the twin, with the files of the demo project `like`. */
export async function freshRepository(label: string, like = "web-frontend"): Promise<FreshRepo> {
  const tid = await tenantId(OWN_TENANT);
  const [demo] = await sql<{ githubInstallationId: string | null }>(`SELECT "githubInstallationId" FROM "Repository" WHERE "tenantId" = $1 AND owner = 'acme' AND name = $2`, [tid, like]);
  if (!demo?.githubInstallationId) throw new Error(`acme/${like} is not on the GitHub twin: was the e2e database seeded (npx tsx e2e/reset-db.ts)?`);
  const name = `${label}-${unique()}`;
  const res = await fetch(`${E2E_TWIN_URL}/_twin/repositories`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ owner: "acme", name, files: Object.fromEntries(projectFiles(path.join(DEMO_PROJECTS, "acme", like))) }),
  });
  if (res.status !== 201) throw new Error(`the e2e GitHub twin did not create acme/${name}: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as { id: number };
  const id = `e2e-repo-${unique()}`;
  await sql(
    `INSERT INTO "Repository" (id, "tenantId", owner, name, "riskTier", "remoteUrl", "verifierProfile", "githubInstallationId", "githubRepoId", "updatedAt")
     VALUES ($1, $2, 'acme', $3, 'standard', $4, 'node-test', $5, $6, now())`,
    [id, tid, name, `${E2E_TWIN_URL}/acme/${name}.git`, demo.githubInstallationId, created.id],
  );
  return { id, fullName: `acme/${name}` };
}

export const recipe = (name: string) => readFileSync(path.join(import.meta.dirname, "../../prisma/demo/recipes", `${name}.yaml`), "utf8");

/** A tenant no other spec knows, with one tenant admin (a local password), signed in. */
export async function ownTenant(label: string): Promise<{ slug: string; admin: Persona }> {
  const u = unique();
  const slug = `e2e-${label}-${u}`;
  const email = `e2e-${label}-admin-${u}@example.test`;
  const password = `e2e-${randomUUID()}`;
  const tid = `e2e-tenant-${u}`;
  const uid = `e2e-user-${u}`;
  await sql(`INSERT INTO "Tenant" (id, slug, name, "updatedAt") VALUES ($1, $2, $3, now())`, [tid, slug, `E2E ${label} ${u}`]);
  await sql(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [uid, email, `E2E admin ${u}`, await bcrypt.hash(password, 4)]);
  await sql(`INSERT INTO "Membership" (id, "tenantId", "userId", roles, "updatedAt") VALUES ($1, $2, $3, ARRAY['tenant_admin'], now())`, [`e2e-member-${u}`, tid, uid]);
  await saveSignedIn(email, password);
  return { slug, admin: { key: `tenant_admin@${slug}`, email, roles: {}, platformAdmin: false } };
}

/** Fills the recipe once the form is live (it marks itself data-ready): text typed before hydration would be merged with the form's own. */
export async function fillRecipe(page: Page, text: string): Promise<void> {
  await expect(page.locator('form[aria-label="New task"][data-ready]')).toBeAttached();
  const field = page.getByLabel("Recipe", { exact: true });
  await field.fill(text);
  await expect(field).toHaveValue(text);
}
