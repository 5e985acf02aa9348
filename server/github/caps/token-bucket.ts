// A token bucket of agent PRs: `rate` tokens an hour up to `burst`, one taken per PR. Pure: the
// caller keeps the state in its PublishBucket row, under that row's lock.
export type Bucket = { tokens: number; at: number };
export type Budget = { rate: number; burst: number };

const HOUR_MS = 3_600_000;
// Refills are sums of fractions: a token due now may add up to 0.9999999999.
const EPS = 1e-9;

export const hasToken = (b: Bucket) => b.tokens >= 1 - EPS;
export const takeToken = (b: Bucket): Bucket => ({ tokens: Math.max(0, b.tokens - 1), at: b.at });

/** The bucket as it is at `now` (never above its burst; a budget lowered since leaves fewer). */
export function refill(b: Bucket, budget: Budget, now: number): Bucket {
  const grown = b.tokens + (Math.max(0, now - b.at) * budget.rate) / HOUR_MS;
  return { tokens: Math.min(budget.burst, grown), at: now };
}

/** When a refilled bucket will next hold a whole token. */
export function nextTokenAt(b: Bucket, budget: Budget): number {
  if (hasToken(b)) return b.at;
  return b.at + Math.ceil(((1 - b.tokens) * HOUR_MS) / budget.rate);
}
