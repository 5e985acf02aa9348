// What a Redis restart does to this app (Redis keeps nothing on disk): every key of its queue prefix
// gone. Used by the Redis-loss integration test and the bench's recovery figure.
import { createRedis } from "../jobs/redis";

/** Deletes every key under `prefix:`; answers how many there were. */
export async function emptyQueuePrefix(prefix: string): Promise<number> {
  const redis = createRedis();
  try {
    let cursor = "0";
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== "0");
    return deleted;
  } finally {
    redis.disconnect();
  }
}
