import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appendAuditEvent } from "../audit/append-event";
import { db, disconnectDb } from "../db/client";
import { createTestTenant, removeTestTenant } from "../test/create-tenant";
import { tamperWithAuditEvents } from "../test/superuser-client";
import { TEST_DATABASE_URL } from "../test/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");

type Outcome = { code: number; stdout: string; stderr: string };

function fleetgate(args: string[], databaseUrl = TEST_DATABASE_URL): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["bin/fleetgate.mjs", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

const lines = (s: string) => s.trim().split("\n");

afterAll(disconnectDb);

describe("fleetgate audit verify", () => {
  it("reports a valid tenant chain with its head, count and rate, exit 0", async () => {
    const r = await fleetgate(["audit", "verify", "--tenant", "acme"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const acme = await db.tenant.findUniqueOrThrow({ where: { slug: "acme" } });
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { chain: acme.id } });
    expect(lines(r.stdout)).toEqual([
      expect.stringMatching(new RegExp(`^checked ${Number(head.seq)} events of tenant acme in \\d+\\.\\d\\d s \\([\\d,]+ events/s\\)$`)),
      `chain valid, head ${head.hash}`,
    ]);
  });

  it("verifies the platform chain with --platform", async () => {
    const r = await fleetgate(["audit", "verify", "--platform"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^checked \d+ events of the platform chain .*\nchain valid, head [0-9a-f]{64}\n$/);
  });

  it("reports the first broken event and exits 1", async () => {
    const t = await createTestTenant("cli-broken");
    for (let n = 1; n <= 3; n++) {
      await db.$transaction((tx) => appendAuditEvent(tx, { tenantId: t.id, actorType: "system", action: "test.cli", resourceType: "test", payload: { n } }));
    }
    await tamperWithAuditEvents(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE chain = $1 AND seq = 2`, [t.id]);
    try {
      const r = await fleetgate(["audit", "verify", "--tenant", t.slug]);
      expect(r.code).toBe(1);
      expect(lines(r.stdout)[1]).toBe("chain BROKEN at seq 2: event 2 was altered: its content does not match its hash");
    } finally {
      await removeTestTenant(t.id); // other tests expect every chain to verify
    }
  });

  it.each([
    [[], "fleetgate: no command given"],
    [["audit", "erase"], 'fleetgate: unknown command "audit erase"'],
    [["audit", "verify"], "fleetgate: missing --tenant <slug> (or --platform)"],
    [["audit", "verify", "--tenant", "no-such-tenant"], 'fleetgate: unknown tenant "no-such-tenant"'],
    [["audit", "verify", "--tenant", "acme", "--verbose"], "fleetgate: unknown option '--verbose'"],
  ])("rejects %j with one line, usage and exit 2", async (args, message) => {
    const r = await fleetgate(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const [first, ...rest] = lines(r.stderr);
    expect(first).toBe(message);
    expect(rest[0]).toMatch(/^usage/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("says in one line when the database cannot be reached, exit 3", async () => {
    const r = await fleetgate(["audit", "verify", "--tenant", "acme"], "postgresql://postgres@127.0.0.1:1/fleetgate_test");
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("fleetgate: Can't reach database server at 127.0.0.1:1\n");
  });
});
