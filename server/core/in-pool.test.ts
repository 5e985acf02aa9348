import { describe, expect, it } from "vitest";
import { inPool } from "./in-pool";

const tick = () => new Promise((r) => setImmediate(r));

describe("inPool", () => {
  it("answers in the items' order with at most n calls under way", async () => {
    let running = 0;
    let most = 0;
    const out = await inPool([5, 1, 4, 2, 3], 2, async (x, i) => {
      most = Math.max(most, ++running);
      for (let k = 0; k < x; k++) await tick();
      running--;
      return `${i}:${x * 10}`;
    });
    expect(out).toEqual(["0:50", "1:10", "2:40", "3:20", "4:30"]);
    expect(most).toBe(2);
  });

  it("rejects with the first failure and starts nothing after it", async () => {
    const started: number[] = [];
    await expect(inPool([1, 2, 3, 4, 5], 1, async (x) => {
      started.push(x);
      if (x === 2) throw new Error("two");
      return x;
    })).rejects.toThrow("two");
    expect(started).toEqual([1, 2]);
  });

  it("answers nothing for no items", async () => {
    expect(await inPool([], 3, async () => 1)).toEqual([]);
  });
});
