// Signs every seeded person in through the real next-auth flow (csrf token, then the credentials
// callback) and saves one storage state per person under e2e/.auth/<email>.json. Before that it
// checks that the seeded memberships are exactly what e2e/fixtures.ts expects.
import { mkdirSync } from "node:fs";
import { request, type FullConfig } from "@playwright/test";
import { AUTH_DIR, DEMO_PASSWORD, PERSONAS, storageStateOf, TENANTS } from "./fixtures";
import { sql } from "./support/db";
import { signIn } from "./support/sign-in";
import { startOidcProvider } from "./support/oidc-idp";

async function checkSeed(): Promise<void> {
  const rows = await sql<{ email: string; platformAdmin: boolean; slug: string | null; roles: string[] | null }>(
    `SELECT u.email, u."platformAdmin", t.slug, m.roles FROM "User" u
       LEFT JOIN "Membership" m ON m."userId" = u.id LEFT JOIN "Tenant" t ON t.id = m."tenantId"`,
  );
  const problems: string[] = [];
  for (const p of PERSONAS) {
    const mine = rows.filter((r) => r.email === p.email);
    if (!mine.length) { problems.push(`${p.email} is not seeded`); continue; }
    if (mine[0]!.platformAdmin !== p.platformAdmin) problems.push(`${p.email}: platformAdmin is ${mine[0]!.platformAdmin}`);
    for (const t of TENANTS) {
      const want = (p.roles[t] ?? []).slice().sort().join(",");
      const got = (mine.find((r) => r.slug === t)?.roles ?? []).slice().sort().join(",");
      if (want !== got) problems.push(`${p.email} in ${t}: seeded roles [${got}], fixtures expect [${want}]`);
    }
  }
  if (problems.length) throw new Error(`e2e fixtures do not match the seeded database:\n  ${problems.join("\n  ")}`);
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const baseURL = config.projects[0]!.use.baseURL!;
  // The identity provider the single sign-on journey signs in through; the web server is
  // configured for it in playwright.config.ts.
  const idp = await startOidcProvider(baseURL);
  mkdirSync(AUTH_DIR, { recursive: true });
  await checkSeed();
  // Sequential on purpose: each sign-in is one bcrypt comparison, and two cores serve the server too.
  for (const p of PERSONAS) {
    const ctx = await request.newContext({ baseURL });
    try {
      const outcome = await signIn(ctx, p.email, DEMO_PASSWORD);
      if (!outcome.ok) throw new Error(`sign-in as ${p.email} failed: ${outcome.error}`);
      await ctx.storageState({ path: storageStateOf(p) });
    } finally {
      await ctx.dispose();
    }
  }
  return () => idp.close();
}
