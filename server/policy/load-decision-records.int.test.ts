import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { createTestTenant } from "../test/create-tenant";
import { loadReplayRecords } from "./load-decision-records";
import { ZReplayFilter } from "./policy-input";

afterAll(disconnectDb);

const T0 = Date.UTC(2026, 2, 1);
const at = (minute: number) => new Date(T0 + minute * 60_000);
const input = (action: string, n: number) => ({ action, resource: { kind: "repository" }, subject: { id: "u1" }, context: { n } });

let mine: string;
let other: string;

async function record(tenantId: string, action: string, minute: number, n: number, decision = "allow") {
  await db.decisionRecord.create({
    data: {
      tenantId, createdAt: at(minute), action, resourceKind: "repository", input: input(action, n), decision,
      decidingRule: decision === "allow" ? "base/allow" : null, matchedRules: [], versions: {}, effectivePolicyHash: "h", source: "test",
    },
  });
}

beforeAll(async () => {
  mine = (await createTestTenant("replay-mine")).id;
  other = (await createTestTenant("replay-other")).id;
  // Minutes 0..9, alternating actions; two records share minute 5 so the id breaks the tie.
  for (let m = 0; m < 10; m++) await record(mine, m % 2 ? "tool.shell" : "run.create", m, m);
  await record(mine, "run.create", 5, 55, "deny");
  for (let m = 0; m < 10; m++) await record(other, "run.create", m + 100, 1000 + m);
});

const load = (tenantId: string, f: Record<string, unknown> = {}) => loadReplayRecords(db, tenantId, ZReplayFilter.parse(f));
const ns = (rs: { input: unknown }[]) => rs.map((r) => (r.input as { context: { n: number } }).context.n);

describe("loadReplayRecords", () => {
  it("returns the tenant's records newest first, ties broken by id, as replay records", async () => {
    const rs = await load(mine);
    expect(ns(rs)).toEqual([9, 8, 7, 6, 55, 5, 4, 3, 2, 1, 0]);
    expect(rs[4]).toEqual({
      id: expect.stringMatching(/^\d+$/), createdAt: at(5).toISOString(), action: "run.create",
      input: input("run.create", 55), decision: "deny", decidingRule: null,
    });
    expect(rs[5]).toMatchObject({ decision: "allow", decidingRule: "base/allow" });
    expect(BigInt(rs[4]!.id)).toBeGreaterThan(BigInt(rs[5]!.id));
  });

  it("never returns another tenant's records", async () => {
    expect(ns(await load(mine, { limit: 50_000 })).every((n) => n < 1000)).toBe(true);
    expect(ns(await load(other))).toEqual([1009, 1008, 1007, 1006, 1005, 1004, 1003, 1002, 1001, 1000]);
    expect(await load((await createTestTenant("replay-empty")).id)).toEqual([]);
  });

  it("filters by action", async () => {
    expect(ns(await load(mine, { action: "tool.shell" }))).toEqual([9, 7, 5, 3, 1]);
    expect(ns(await load(mine, { action: "run.create" }))).toEqual([8, 6, 55, 4, 2, 0]);
    expect(await load(mine, { action: "campaign.create" })).toEqual([]);
  });

  it("filters by time, both ends inclusive, with any offset", async () => {
    expect(ns(await load(mine, { since: at(7).toISOString() }))).toEqual([9, 8, 7]);
    expect(ns(await load(mine, { until: at(2).toISOString() }))).toEqual([2, 1, 0]);
    expect(ns(await load(mine, { since: "2026-03-01T01:04:00+01:00", until: at(6).toISOString() }))).toEqual([6, 55, 5, 4]);
    expect(ns(await load(mine, { action: "run.create", since: at(4).toISOString(), until: at(5).toISOString() }))).toEqual([55, 4]);
  });

  it("respects the limit, keeping the newest", async () => {
    expect(ns(await load(mine, { limit: "3" }))).toEqual([9, 8, 7]);
    expect(ns(await load(mine, { limit: 1, action: "tool.shell" }))).toEqual([9]);
  });

  it("validates the filter", () => {
    expect(ZReplayFilter.parse({})).toEqual({ limit: 10_000 });
    for (const bad of [{ limit: 0 }, { limit: 50_001 }, { limit: 1.5 }, { action: "" }, { since: "yesterday" }, { until: "2026-03-01" }]) {
      expect(ZReplayFilter.safeParse(bad).success).toBe(false);
    }
  });
});
