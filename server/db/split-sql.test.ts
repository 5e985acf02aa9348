import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitSql } from "./split-sql";

const sqls = (text: string) => splitSql(text).map((s) => s.sql);

describe("splitSql", () => {
  it("splits on semicolons and records the line each statement starts on", () => {
    const text = "CREATE TABLE a (x int);\n\n-- why b exists\nCREATE TABLE b (y int);\nSELECT 1";
    expect(splitSql(text)).toEqual([
      { sql: "CREATE TABLE a (x int)", line: 1 },
      { sql: "-- why b exists\nCREATE TABLE b (y int)", line: 3 },
      { sql: "SELECT 1", line: 5 },
    ]);
  });

  it("drops empty and comment-only pieces", () => {
    expect(splitSql(";;\n-- nothing here;\n/* nor; here */\n")).toEqual([]);
  });

  it("does not split inside string literals, including doubled quotes", () => {
    expect(sqls(`INSERT INTO t VALUES ('a;b', 'it''s; fine');SELECT 2`)).toEqual([
      `INSERT INTO t VALUES ('a;b', 'it''s; fine')`,
      "SELECT 2",
    ]);
  });

  it("does not split inside quoted identifiers", () => {
    expect(sqls(`CREATE TABLE "odd;name" ("a""b;c" int); SELECT 1`)).toEqual([`CREATE TABLE "odd;name" ("a""b;c" int)`, "SELECT 1"]);
  });

  it("does not split inside comments", () => {
    expect(sqls("SELECT 1 -- first; still a comment\n; /* block ; comment */ SELECT 2;")).toEqual([
      "SELECT 1 -- first; still a comment",
      "/* block ; comment */ SELECT 2",
    ]);
  });

  it("keeps dollar-quoted bodies whole, with or without a tag", () => {
    const fn = "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RAISE EXCEPTION 'no; never';\nEND;\n$$";
    const tagged = "DO $body$ BEGIN PERFORM 1; PERFORM $$x;y$$; END; $body$";
    expect(sqls(`${fn};\n${tagged};\nSELECT $1`)).toEqual([fn, tagged, "SELECT $1"]);
  });

  it("counts lines across multi-line statements and literals", () => {
    const text = "SELECT 'a\nb\nc';\n\n\nSELECT 2;";
    expect(splitSql(text).map((s) => s.line)).toEqual([1, 6]);
  });

  it("keeps the DO block of the append-only migration in one statement", () => {
    const file = path.resolve(import.meta.dirname, "../../prisma/migrations/20261121000100_audit_append_only/migration.sql");
    const statements = splitSql(readFileSync(file, "utf8"));
    const block = statements.find((s) => s.sql.includes("DO $$"));
    expect(block?.sql).toMatch(/CREATE ROLE fleetgate_app NOLOGIN;\s+END IF;\s+END;\s+\$\$$/);
    expect(statements.every((s) => !/^\s*(BEGIN|END)\b/.test(s.sql))).toBe(true);
  });
});

describe("splitSql with escape strings", () => {
  it("does not end an E'' string at a backslash-escaped quote", () => {
    const parts = splitSql(`INSERT INTO t VALUES (E'it\\'s; fine');\nSELECT 'plain''s; too';`);
    expect(parts.map((p) => p.sql)).toEqual([`INSERT INTO t VALUES (E'it\\'s; fine')`, `SELECT 'plain''s; too'`]);
  });
});
