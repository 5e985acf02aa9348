// Signs every seeded person in through the real next-auth flow (csrf token, then the credentials
// callback) and saves one storage state per person under e2e/.auth/<email>.json. Before that it
// checks that the seeded memberships are exactly what e2e/fixtures.ts expects. It also runs the
// worker (workers/main.ts) beside the web server, with the web server's own environment (the e2e
// database, the same QUEUE_PREFIX), so approval outcomes and webhook deliveries happen as in
// production: a journey that approves something sees the waiting work move on.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { request, type FullConfig } from "@playwright/test";
import { AUTH_DIR, DEMO_PASSWORD, PERSONAS, storageStateOf, TENANTS } from "./fixtures";
import { sql } from "./support/db";
import { signIn } from "./support/sign-in";
import { startOidcProvider } from "./support/oidc-idp";
import { E2E_WEB_ENV } from "./support/web-env";

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

const READY = "fleetgate worker: consuming";

/** Starts the worker as its own process and waits until it consumes its queues; returns how to stop it. */
async function startWorker(): Promise<() => Promise<void>> {
  // The web server's environment exactly (its webServer entry's env over this process's), so both
  // agree on the database, the queue prefix and the GitHub App, whatever they are.
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, ...E2E_WEB_ENV },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const recent: string[] = [];
  let ready = false;
  const ok = new Promise<void>((resolve, reject) => {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        if (!ready && line.startsWith(READY)) {
          ready = true;
          resolve();
        }
      }
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    child.once("exit", (code, signal) => {
      const why = `e2e worker exited (${signal ?? `code ${code}`}):\n  ${recent.join("\n  ")}`;
      if (!ready) reject(new Error(why));
      else if (!stopping) console.error(why);
    });
  });
  let stopping = false;
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  try {
    await ok;
  } finally {
    clearTimeout(timer);
  }
  return async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(forced);
  };
}

async function signInEveryone(baseURL: string): Promise<void> {
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
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const baseURL = config.projects[0]!.use.baseURL!;
  // The identity provider the single sign-on journey signs in through; the web server is
  // configured for it in playwright.config.ts.
  const idp = await startOidcProvider(baseURL);
  let stopWorker: (() => Promise<void>) | undefined;
  const teardown = async () => {
    await stopWorker?.();
    await idp.close();
  };
  try {
    stopWorker = await startWorker();
    await signInEveryone(baseURL);
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
