// One queue of GitHub writes per installation, across every worker: a write takes the installation's
// PostgreSQL advisory lock (released by the database if the process dies), waits until it is at least
// GITHUB_WRITE_SPACING_MS after the previous write ended and, if it creates content, until the sliding
// minute and hour hold fewer than their limits, records itself (committed before it is sent, so a
// crash can only over-count) and is sent while the lock is held. A write answered by a limit (a
// secondary limit's 403/429) moves the installation's next turn past its retry-after, for every worker.
// Reads and token revocation are not paced. Counts live in PostgreSQL, never in a process or in Redis,
// which may be emptied at any time.
import { setTimeout as sleep } from "node:timers/promises";
import { db, type Tx } from "../db/client";
import { env } from "../env";

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Longer waits let go of the lock (and the connection) and queue again. */
const HOLD_LIMIT_MS = 2_000;
/**
 * Transactions holding (or waiting for) an installation's lock in this process. The holder needs a
 * second connection of the pool (10) to commit its record before it sends, so holders stay well
 * under half of it: otherwise many holders could each wait for a connection another one holds.
 */
const MAX_LOCK_HOLDERS = 3;

export type PaceLimits = { spacingMs: number; perMinute: number; perHour: number };

export const paceLimits = (): PaceLimits => {
  const e = env();
  return { spacingMs: e.GITHUB_WRITE_SPACING_MS, perMinute: e.GITHUB_CONTENT_PER_MINUTE, perHour: e.GITHUB_CONTENT_PER_HOUR };
};

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * GitHub's "content-creating" requests, counted on the safe side: every REST write (a pull request,
 * a comment, labels, reviewers, an edit, a merge). A git push keeps the spacing without counting.
 */
export function isContentCreating(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}

export const isWrite = (method: string) => WRITE_METHODS.has(method.toUpperCase());

/** How long to wait before this write may go (0: now), read under the installation's lock. */
export async function waitMs(tx: Tx, installationId: string, content: boolean, limits: PaceLimits): Promise<number> {
  const now = Date.now();
  const [row] = await tx.$queryRaw<{ last: Date | null; minute: Date | null; hour: Date | null }[]>`
    SELECT i."lastWriteAt" AS last,
      (SELECT at FROM "GithubWrite" w WHERE w."installationId" = i.id AND w.at > ${new Date(now - MINUTE)} ORDER BY at DESC OFFSET ${limits.perMinute - 1} LIMIT 1) AS minute,
      (SELECT at FROM "GithubWrite" w WHERE w."installationId" = i.id AND w.at > ${new Date(now - HOUR)} ORDER BY at DESC OFFSET ${limits.perHour - 1} LIMIT 1) AS hour
    FROM "GithubInstallation" i WHERE i.id = ${installationId}`;
  if (!row) throw new Error(`installation ${installationId} is not known`);
  let until = row.last ? row.last.getTime() + limits.spacingMs : 0;
  // The limit-th newest write in the window leaves it at its time + the window: then one more fits.
  if (content && row.minute) until = Math.max(until, row.minute.getTime() + MINUTE);
  if (content && row.hour) until = Math.max(until, row.hour.getTime() + HOUR);
  return Math.max(0, until - now);
}

export type PacedRequest<T> = {
  method: string;
  route: string;
  /** How long GitHub asked the installation to wait after this answer (a limit's retry-after); 0 for none. */
  pauseAfter?: (answer: T) => number | Promise<number>;
};

/**
 * Sends one write for the installation (GithubInstallation.id) in its turn. `send` runs while this
 * process holds the installation's lock, so no other write of the installation is in flight. Within a
 * process, writes of one installation queue in memory first, so only one of them at a time holds a
 * connection while it waits for the lock.
 */
export async function paced<T>(installationId: string, request: PacedRequest<T>, send: () => Promise<T>, limits: PaceLimits = paceLimits()): Promise<T> {
  const content = isContentCreating(request.method);
  for (;;) {
    const outcome = await inTurn(installationId, () => db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`github-pace:${installationId}`}, 0))`;
      let wait = await waitMs(tx, installationId, content, limits);
      if (wait > HOLD_LIMIT_MS) return { wait };
      if (wait > 0) {
        await sleep(wait);
        wait = await waitMs(tx, installationId, content, limits);
        if (wait > 0) return { wait };
      }
      // Committed on their own connection before the request leaves: a crash after this over-counts
      // one write, never under-counts a sent one. The spacing runs from the write's end.
      const at = new Date();
      await db.githubInstallation.update({ where: { id: installationId }, data: { lastWriteAt: at } });
      if (content) await db.githubWrite.create({ data: { installationId, at, route: `${request.method.toUpperCase()} ${request.route}` } });
      let pause = 0;
      try {
        const sent = await send();
        pause = (await request.pauseAfter?.(sent)) ?? 0;
        return { sent };
      } finally {
        // A limit's answer: the installation's next write (any worker's) waits out its retry-after,
        // counted as if this write ended then, without holding the lock meanwhile.
        await db.githubInstallation.update({ where: { id: installationId }, data: { lastWriteAt: new Date(Date.now() + pause) } });
      }
    }, { timeout: 30 * MINUTE, maxWait: 30 * MINUTE }));
    if ("sent" in outcome) return outcome.sent as T;
    await sleep(Math.min(outcome.wait, 30_000));
  }
}

const turns = new Map<string, Promise<void>>();
let holders = 0;
const queued: (() => void)[] = [];

/** Runs `fn` after this process's earlier writes of the installation, as one of at most MAX_LOCK_HOLDERS. */
async function inTurn<T>(installationId: string, fn: () => Promise<T>): Promise<T> {
  const before = turns.get(installationId) ?? Promise.resolve();
  let done!: () => void;
  const gate = new Promise<void>((resolve) => (done = resolve));
  const mine = before.then(() => gate);
  turns.set(installationId, mine);
  await before;
  if (holders < MAX_LOCK_HOLDERS) holders++;
  else await new Promise<void>((resolve) => queued.push(resolve));
  try {
    return await fn();
  } finally {
    // The slot passes straight to the next waiter, if any; otherwise it is freed.
    const next = queued.shift();
    if (next) next();
    else holders--;
    done();
    if (turns.get(installationId) === mine) turns.delete(installationId);
  }
}

/** Drops what the hour no longer counts (the maintenance job's). */
export async function pruneWriteLog(): Promise<number> {
  const { count } = await db.githubWrite.deleteMany({ where: { at: { lt: new Date(Date.now() - HOUR) } } });
  return count;
}
