import { db } from "../db/client";
import { createRedis } from "../jobs/redis";

type Check = { status: "ok" | "down"; latencyMs: number; error?: string };

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 2 s")), 2000))]);
    return { status: "ok", latencyMs: Math.round(performance.now() - start) };
  } catch (e) {
    // The reason class only: connection strings and hosts stay out of a public answer.
    const message = (e as Error).message ?? "";
    return { status: "down", latencyMs: Math.round(performance.now() - start), error: /timed out/.test(message) ? "timed out" : "unreachable" };
  }
}

export async function checkHealth() {
  const database = await timed(() => db.$queryRaw`SELECT 1`);
  const redis = await timed(async () => {
    const client = createRedis({ lazy: true });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.ping();
    } finally {
      client.disconnect();
    }
  });
  const ok = database.status === "ok" && redis.status === "ok";
  return { status: ok ? "ok" : "degraded", checks: { database, redis }, time: new Date().toISOString() };
}
