// Where the integration tier keeps its data, and the helpers that create and drop databases on the
// local server.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { toolingEnv } from "../env";

export const TEST_DATABASE_URL = toolingEnv().TEST_DATABASE_URL;

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The same server and credentials, another database. */
export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(baseUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrl(baseUrl, "postgres") });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

// Only databases whose names say they are disposable may be dropped, so a mistyped
// TEST_DATABASE_URL can never wipe the development or a shared database.
function assertDisposable(name: string): void {
  if (!/^[a-z0-9_]+_(test|e2e|bench|scratch_[a-z0-9_]+)$/.test(name)) {
    throw new Error(`refusing to drop database "${name}": only *_test, *_e2e, *_bench and *_scratch_* databases are disposable`);
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  assertDisposable(name);
  await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function recreateDatabase(url: string): Promise<void> {
  await dropDatabase(url);
  await withAdmin(url, (c) => c.query(`CREATE DATABASE "${databaseName(url)}"`));
}

/** A new empty database with a unique name; drop it with dropDatabase(url). */
export async function createScratchDatabase(label: string): Promise<string> {
  const name = `fleetgate_scratch_${label}_${randomBytes(4).toString("hex")}`;
  const url = databaseUrl(TEST_DATABASE_URL, name);
  await recreateDatabase(url);
  return url;
}
