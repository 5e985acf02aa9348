// Fixtures for the runs console and kill-switch journeys: a fresh repository of acme whose remote is
// a seeded demo remote (so a run really clones, changes and verifies it, and a switch on it disturbs
// no other spec), and a tenant of a test's own with its own admin, for switches that cover a tenant.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { OWN_TENANT, type Persona } from "../fixtures";
import { unique } from "./api";
import { sql, tenantId } from "./db";
import { saveSignedIn } from "./sign-in";

export type FreshRepo = { id: string; fullName: string };

/** A new repository of acme (standard tier, Node tests) that clones from the demo remote of `like`. */
export async function freshRepository(label: string, like = "web-frontend"): Promise<FreshRepo> {
  const tid = await tenantId(OWN_TENANT);
  const [demo] = await sql<{ remoteUrl: string }>(`SELECT "remoteUrl" FROM "Repository" WHERE "tenantId" = $1 AND owner = 'acme' AND name = $2`, [tid, like]);
  if (!demo?.remoteUrl) throw new Error(`acme/${like} has no demo remote: was the e2e database seeded?`);
  const name = `${label}-${unique()}`;
  const id = `e2e-repo-${unique()}`;
  await sql(
    `INSERT INTO "Repository" (id, "tenantId", owner, name, "riskTier", "remoteUrl", "verifierProfile", "updatedAt") VALUES ($1, $2, 'e2e', $3, 'standard', $4, 'node-test', now())`,
    [id, tid, name, demo.remoteUrl],
  );
  return { id, fullName: `e2e/${name}` };
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
