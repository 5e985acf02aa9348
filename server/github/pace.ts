// One queue of GitHub writes per installation, across every worker: a write takes the installation's
// PostgreSQL advisory lock (released by the database if the process dies), waits until it is at least
// GITHUB_WRITE_SPACING_MS after the previous write ended and, if it creates content, until the sliding
// minute and hour hold fewer than their limits, records itself (committed before it is sent, so a
// crash can only over-count) and is sent while the lock is held. Reads and token revocation are not
// paced. Counts live in PostgreSQL, never in a process or in Redis, which may be emptied at any time.
import { setTimeout as sleep } from "node:timers/promises";
import { db, type Tx } from "../db/client";
import { env } from "../env";

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Longer waits let go of the lock (and the connection) and queue again. */
const HOLD_LIMIT_MS = 2_000;

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

/**
 * Sends one write for the installation (GithubInstallation.id) in its turn. `send` runs while this
 * process holds the installation's lock, so no other write of the installation is in flight.
 */
export async function paced<T>(installationId: string, request: { method: string; route: string }, send: () => Promise<T>, limits: PaceLimits = paceLimits()): Promise<T> {
  const content = isContentCreating(request.method);
  for (;;) {
    const outcome = await db.$transaction(async (tx) => {
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
      try {
        return { sent: await send() };
      } finally {
        await db.githubInstallation.update({ where: { id: installationId }, data: { lastWriteAt: new Date() } });
      }
    }, { timeout: 30 * MINUTE, maxWait: 30 * MINUTE });
    if ("sent" in outcome) return outcome.sent as T;
    await sleep(Math.min(outcome.wait, 30_000));
  }
}

/** Drops what the hour no longer counts (the maintenance job's). */
export async function pruneWriteLog(): Promise<number> {
  const { count } = await db.githubWrite.deleteMany({ where: { at: { lt: new Date(Date.now() - HOUR) } } });
  return count;
}
