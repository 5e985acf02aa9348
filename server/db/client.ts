// The single Prisma client. Every connection switches to the fleetgate_app role, which may not
// change or remove audit events (see the audit_append_only migration).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "../env";
import { PrismaClient, Prisma } from "./generated/client";

export type Tx = Prisma.TransactionClient;
export type Db = PrismaClient;

export const APP_DB_ROLE = "fleetgate_app";

function create(): { db: PrismaClient; pool: pg.Pool } {
  // The role is a startup parameter: a connection cannot exist under any other role, and one
  // fails outright if the role is missing (migrations not applied).
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 10, options: `-c role=${APP_DB_ROLE}` });
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { db, pool };
}

const store = globalThis as unknown as { __fleetgateDb?: { db: PrismaClient; pool: pg.Pool } };

function instance() {
  store.__fleetgateDb ??= create();
  return store.__fleetgateDb;
}

/** The Prisma client (created on first use). */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const real = instance().db as unknown as Record<PropertyKey, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const current = store.__fleetgateDb;
  if (!current) return;
  store.__fleetgateDb = undefined;
  await current.db.$disconnect();
  await current.pool.end().catch(() => undefined);
}

export { Prisma };
