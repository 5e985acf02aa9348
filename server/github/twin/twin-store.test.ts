// The twin's state on disk: changes saved while a pass is writing are written together by the next
// one, and once save() resolves what was changed before it is on disk, as a reopened store reads it;
// deliveries are a log whose last line per delivery wins, which survives a torn line and its rewrites.
import { appendFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openTwinStore } from "./twin-store";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("the twin's store", () => {
  it("writes what each save() saw changed by the time it resolves, coalescing the saves made meanwhile", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "twin-store-test-"));
    dirs.push(dir);
    const store = await openTwinStore(dir);
    const saved: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      store.user(`user-${i}`);
      saved.push(store.save("users"));
      if (i === 25) {
        await saved[i];
        expect((await openTwinStore(dir)).data.users.map((u) => u.login)).toContain("user-25");
      }
    }
    store.data.comments.push({ id: store.nextId(), repositoryId: 1, issueNumber: 1, userLogin: "user-1", body: "last", createdAt: "", updatedAt: "" });
    await store.save("comments");
    await Promise.all(saved);
    const reopened = await openTwinStore(dir);
    expect(reopened.data.users.map((u) => u.login)).toEqual(Array.from({ length: 50 }, (_, i) => `user-${i}`));
    expect(reopened.data.comments.map((c) => c.body)).toEqual(["last"]);
    expect(reopened.data.meta.nextId).toBe(store.data.meta.nextId);
    expect((await readdir(path.join(dir, "state"))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps deliveries as a log: the latest state of each is read back, a torn last line is skipped, rewrites keep them", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "twin-store-test-"));
    dirs.push(dir);
    const store = await openTwinStore(dir);
    const delivery = (i: number) => ({ id: store.nextId(), guid: `guid-${i}`, event: "push", action: null, installationId: 1, repositoryId: 1, payload: { i }, deliveredAt: "", dropped: false, attempts: [] as { at: string; statusCode: number | null; error: string | null; redelivery: boolean }[] });
    const all = Array.from({ length: 300 }, (_, i) => delivery(i));
    for (const d of all) {
      store.data.deliveries.push(d);
      void store.saveDelivery(d);
      // Three lines per delivery: more than twice as many lines as deliveries has the log rewritten.
      for (const redelivery of [false, true]) {
        d.attempts.push({ at: "", statusCode: 202, error: null, redelivery });
        await store.saveDelivery(d);
      }
    }
    await store.flush();
    await appendFile(path.join(dir, "state", "deliveries.jsonl"), '{"id": 12, "gu');
    const reopened = await openTwinStore(dir);
    expect(reopened.data.deliveries.map((d) => d.guid)).toEqual(all.map((d) => d.guid));
    expect(reopened.data.deliveries.every((d) => d.attempts.length === 2)).toBe(true);
    expect((await readFile(path.join(dir, "state", "deliveries.jsonl"), "utf8")).split("\n").length).toBeLessThan(3 * 300);
    await reopened.save();
    expect((await openTwinStore(dir)).data.deliveries).toHaveLength(300);
  });
});
