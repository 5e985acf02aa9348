// A connection as the server's superuser, without the application's role: what an attacker with
// database access (or a careless administrator) could do. Used to tamper with audit rows on purpose.
import pg from "pg";
import { TEST_DATABASE_URL } from "./test-database";

export async function withSuperuser<T>(fn: (c: pg.Client) => Promise<T>, url = TEST_DATABASE_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs statements on AuditEvent with its append-only triggers switched off, in one transaction. */
export async function tamperWithAuditEvents(sql: string, params: unknown[] = []): Promise<number> {
  return withSuperuser(async (c) => {
    await c.query("BEGIN");
    try {
      await c.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
      const r = await c.query(sql, params);
      await c.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
      await c.query("COMMIT");
      return r.rowCount ?? 0;
    } catch (e) {
      await c.query("ROLLBACK");
      throw e;
    }
  });
}
