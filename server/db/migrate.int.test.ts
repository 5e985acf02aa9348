import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { readCatalog } from "../test/read-catalog";
import { createScratchDatabase, dropDatabase, MIGRATIONS_DIR } from "../test/test-database";
import { listMigrations, migrate, MigrationError } from "./migrate";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

const scratch: string[] = [];
const tempDirs: string[] = [];

async function scratchDb(label: string): Promise<string> {
  const url = await createScratchDatabase(label);
  scratch.push(url);
  return url;
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fleetgate-migrations-"));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(files)) writeMigration(dir, name, sql);
  return dir;
}

function writeMigration(dir: string, name: string, sql: string): void {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

afterEach(async () => {
  for (const url of scratch.splice(0)) await dropDatabase(url);
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies the project's migrations to an empty database, recording Prisma's checksum, and is idempotent", async () => {
    const url = await scratchDb("fresh");
    const first = await migrate(url, MIGRATIONS_DIR);
    const all = listMigrations(MIGRATIONS_DIR).map((m) => m.name);
    expect(all.slice(0, 2)).toEqual(["20261121000000_init", "20261121000100_audit_append_only"]);
    expect(first.applied).toEqual(all);
    expect(first.alreadyApplied).toBe(0);

    const recorded = await query<{ migration_name: string; checksum: string }>(
      url, `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`);
    for (const r of recorded) {
      const file = readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(file).digest("hex"));
    }

    const catalog = await readCatalog(url);
    const second = await migrate(url, MIGRATIONS_DIR);
    expect(second).toEqual({ applied: [], alreadyApplied: all.length });
    expect(await readCatalog(url)).toEqual(catalog);
  });

  it("rolls back a migration whose second statement fails and names file, statement and line", async () => {
    const url = await scratchDb("failing");
    const dir = migrationsDir({ "0001_ok": `CREATE TABLE "Kept" ("id" INTEGER PRIMARY KEY);\n` });
    await migrate(url, dir);
    const before = await readCatalog(url);

    writeMigration(dir, "0002_bad", [
      "-- a comment before the first statement",
      `CREATE TABLE "Lost" ("id" INTEGER PRIMARY KEY);`,
      "",
      `INSERT INTO "DoesNotExist" VALUES (1);`,
      `CREATE TABLE "NeverReached" ("id" INTEGER);`,
    ].join("\n"));

    const error = await migrate(url, dir).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    const message = (error as Error).message;
    expect(message).toContain("0002_bad/migration.sql");
    expect(message).toContain("statement 2");
    expect(message).toContain("line 4");
    expect(message).toContain('relation "DoesNotExist" does not exist');

    expect(await readCatalog(url)).toEqual(before);
    const recorded = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).toEqual(["0001_ok"]);
  });

  it("refuses to run when an applied migration's file was changed", async () => {
    const url = await scratchDb("checksum");
    const dir = migrationsDir({ "0001_ok": `CREATE TABLE "Kept" ("id" INTEGER PRIMARY KEY);\n` });
    await migrate(url, dir);
    writeMigration(dir, "0001_ok", `CREATE TABLE "Kept" ("id" BIGINT PRIMARY KEY);\n`);
    writeMigration(dir, "0002_next", `CREATE TABLE "Next" ("id" INTEGER);\n`);

    await expect(migrate(url, dir)).rejects.toThrow(/0001_ok\/migration.sql was changed after it was applied/);
    const tables = await query<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE tablename = 'Next'`);
    expect(tables).toEqual([]);
  });

  it("lets concurrent migrators both succeed while applying each migration once", async () => {
    const url = await scratchDb("concurrent");
    const results = await Promise.all([migrate(url, MIGRATIONS_DIR), migrate(url, MIGRATIONS_DIR), migrate(url, MIGRATIONS_DIR)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(listMigrations(MIGRATIONS_DIR).map((m) => m.name));
    const count = listMigrations(MIGRATIONS_DIR).length;
    expect(results.filter((r) => r.applied.length === 0).every((r) => r.alreadyApplied === count)).toBe(true);
    const rows = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.n)).toBe(count);
  });
});

describe("the migrated schema", () => {
  it("matches prisma/schema.prisma (apart from our trigger, its function and grants)", async () => {
    // Prisma's own from-empty SQL for the schema is the reference; a field added to schema.prisma
    // without a migration (or a migration that drifts from it) shows up here as a diff.
    const { stdout: prismaSql } = await run("bash", ["prisma/tools/schema-sql.sh"], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    expect(prismaSql).toContain("CREATE TABLE");

    const fromPrisma = await scratchDb("prisma");
    await query(fromPrisma, prismaSql);
    const fromMigrations = await scratchDb("migrations");
    await migrate(fromMigrations, MIGRATIONS_DIR);

    const expected = await readCatalog(fromPrisma);
    expect(expected.some((l) => l.startsWith("index "))).toBe(true);
    expect(await readCatalog(fromMigrations)).toEqual(expected);
  });
});
