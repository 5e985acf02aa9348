// Redis connections for BullMQ queues and pub/sub. Redis holds no state Fleetgate cannot rebuild
// from PostgreSQL.
import { Redis } from "ioredis";
import { env } from "../env";

export function createRedis(options: { lazy?: boolean } = {}): Redis {
  // BullMQ workers need maxRetriesPerRequest null; a short connect timeout keeps health checks fast.
  return new Redis(env().REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: options.lazy ?? false, connectTimeout: 2000 });
}
