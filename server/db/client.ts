// The single Prisma client. It logs in as the fleetgate_app role, which may not change or remove
// audit events and cannot become any other role (see the audit migrations); migrations and
// tooling use DATABASE_URL, the owner.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "../env";
import { PrismaClient, Prisma } from "./generated/client";

/**
 * The database or a transaction: what an operation's step or a read takes. The client itself has
 * every method a transaction has, so `db` is passed where no transaction is open, without a cast.
 */
export type Tx = Prisma.TransactionClient;
export type Db = PrismaClient;

function create(): { db: PrismaClient; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: env().DATABASE_APP_URL, max: 10 });
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
