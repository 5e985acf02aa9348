// The worker against the real Redis: a registered job runs, an unknown job or a malformed payload
// is dropped after one attempt instead of being retried forever.
import { randomBytes } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "../db/client";
import { overrideEnv } from "../env";
import { closeQueues, enqueue } from "./enqueue";
import { MAINTENANCE_QUEUE, verifyAuditChainsJob } from "./maintenance-jobs";
import { createRedis } from "./redis";
import { startWorkers, type RunningWorkers } from "./start-workers";
import { JOB_HANDLERS } from "../wiring/job-handlers";

const prefix = `fleetgate-test-${randomBytes(3).toString("hex")}`;
overrideEnv({ QUEUE_PREFIX: prefix });

let workers: RunningWorkers;
let events: QueueEvents;
let raw: Queue;

beforeAll(async () => {
  workers = await startWorkers(JOB_HANDLERS, { schedule: false, concurrency: 2 });
  events = new QueueEvents(MAINTENANCE_QUEUE, { connection: createRedis(), prefix });
  raw = new Queue(MAINTENANCE_QUEUE, { connection: createRedis(), prefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await workers.close();
  await events.close();
  await raw.obliterate({ force: true });
  await raw.close();
  await closeQueues();
  await disconnectDb();
});

describe("worker", () => {
  it("runs a registered job: every seeded audit chain verifies", async () => {
    const job = await enqueue(verifyAuditChainsJob, {});
    const result = (await job.waitUntilFinished(events, 30_000)) as { chains: number; broken: number };
    expect(result.chains).toBeGreaterThanOrEqual(3);
    expect(result.broken).toBe(0);
  });

  it("refuses to enqueue a malformed payload", async () => {
    await expect(enqueue(verifyAuditChainsJob, { extra: 1 } as never)).rejects.toMatchObject({ code: "validation_failed" });
  });

  it.each([
    ["an unknown job", "no.such-job", {}],
    ["a malformed payload", "auth.prune-sign-in-throttle", { olderThanMinutes: "soon" }],
  ])("drops %s after one attempt", async (_what, name, data) => {
    const job = await raw.add(name, data, { attempts: 5 });
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow();
    const after = await raw.getJob(job.id!);
    expect(after?.attemptsMade).toBe(1);
    expect(await after?.getState()).toBe("failed");
  });
});
