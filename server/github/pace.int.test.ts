// The installation pace against the real database: writes of one installation never overlap and
// keep their spacing across concurrent callers; the minute and hour limits are read from the write
// log as a sliding window; reads and git pushes do not count toward the content limits; a limit's
// answer holds the installation's next write; many installations writing at once in one process never
// take every connection of its pool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestTenant } from "../test/create-tenant";
import { isContentCreating, paced, pruneWriteLog, waitMs, type PaceLimits } from "./pace";

let installationId: string;
let other: string;
let githubId = 900_000_000 + Math.floor(Math.random() * 1_000_000);

const newInstallation = async (tenantId: string) => (await db.githubInstallation.create({ data: { githubId: githubId++, tenantId, accountLogin: "acme", accountType: "Organization", repositorySelection: "all" } })).id;

beforeAll(async () => {
  const tenant = await createTestTenant("pace");
  installationId = await newInstallation(tenant.id);
  other = await newInstallation(tenant.id);
});

afterAll(async () => {
  await db.githubWrite.deleteMany({ where: { installationId: { in: [installationId, other] } } });
});

describe("the installation pace", () => {
  it("counts every REST write as content-creating, not reads or pushes", () => {
    expect(["POST", "PATCH", "PUT", "DELETE"].map(isContentCreating)).toEqual([true, true, true, true]);
    expect(["GET", "HEAD", "GIT"].map(isContentCreating)).toEqual([false, false, false]);
  });

  it("serializes one installation's writes across concurrent callers, each at least the spacing after the last", async () => {
    const limits: PaceLimits = { spacingMs: 150, perMinute: 100, perHour: 1000 };
    let inFlight = 0;
    let most = 0;
    const starts: number[] = [];
    const send = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      starts.push(Date.now());
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
    };
    await Promise.all(Array.from({ length: 4 }, () => paced(installationId, { method: "POST", route: "/x" }, send, limits)));
    expect(most).toBe(1);
    starts.sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(150 - 5);
    expect(await db.githubWrite.count({ where: { installationId } })).toBe(4);
    // Another installation has a queue and a count of its own.
    expect(await db.$transaction((tx) => waitMs(tx, other, true, limits))).toBe(0);
  });

  it("holds a content-creating write while the sliding minute or hour is full, until its oldest write leaves the window", async () => {
    await db.githubWrite.deleteMany({ where: { installationId: other } });
    const now = Date.now();
    await db.githubWrite.createMany({ data: [50_000, 40_000, 30_000].map((ago) => ({ installationId: other, at: new Date(now - ago), route: "POST /x" })) });
    const minute: PaceLimits = { spacingMs: 0, perMinute: 3, perHour: 100 };
    const wait = await db.$transaction((tx) => waitMs(tx, other, true, minute));
    const elapsed = Date.now() - now;
    // The oldest of the three (50 s ago) leaves the minute 10 s after `now`, less however long this machine took since.
    expect(wait).toBeGreaterThanOrEqual(10_000 - elapsed);
    expect(wait).toBeLessThanOrEqual(10_000);
    expect(await db.$transaction((tx) => waitMs(tx, other, false, minute))).toBe(0);
    const hour: PaceLimits = { spacingMs: 0, perMinute: 100, perHour: 3 };
    expect(await db.$transaction((tx) => waitMs(tx, other, true, hour))).toBeGreaterThan(3_500_000);
    await db.githubWrite.updateMany({ where: { installationId: other }, data: { at: new Date(now - 2 * 3_600_000) } });
    expect(await db.$transaction((tx) => waitMs(tx, other, true, hour))).toBe(0);
    expect(await pruneWriteLog()).toBeGreaterThanOrEqual(3);
  });

  it("a limit's answer holds the installation's next write, from any caller, for the pause it asked", async () => {
    const limits: PaceLimits = { spacingMs: 0, perMinute: 100, perHour: 1000 };
    let answered = 0;
    await paced(other, { method: "POST", route: "/limited", pauseAfter: () => 800 }, async () => { answered = Date.now(); }, limits);
    let sent = 0;
    await paced(other, { method: "POST", route: "/next" }, async () => { sent = Date.now(); }, limits);
    expect(sent - answered).toBeGreaterThanOrEqual(800);
  });

  it("writes of many installations at once in one process all go: none holds a connection of the pool while it waits for another", async () => {
    const tenant = await createTestTenant("pace-many");
    const many = await Promise.all(Array.from({ length: 12 }, () => newInstallation(tenant.id)));
    const limits: PaceLimits = { spacingMs: 0, perMinute: 100, perHour: 1000 };
    const send = () => new Promise<void>((r) => setTimeout(r, 20));
    await Promise.all(many.flatMap((id) => [0, 1].map(() => paced(id, { method: "POST", route: "/many" }, send, limits))));
    expect(await db.githubWrite.count({ where: { installationId: { in: many } } })).toBe(24);
    await db.githubWrite.deleteMany({ where: { installationId: { in: many } } });
  });
});
