import { describe, expect, it } from "vitest";
import { resolveWaves } from "./wave-plan";

describe("resolveWaves", () => {
  it("takes the canary, then counts and percentages of every eligible target, each at most what is left", () => {
    expect(resolveWaves({ canary: 2, sizes: [5, "50%", "100%"] }, 20)).toEqual({ ok: true, sizes: [2, 5, 10, 3], notes: [] });
  });

  it("refuses a plan that does not cover every eligible target, naming waves.sizes", () => {
    const r = resolveWaves({ canary: 2, sizes: [5, "25%"] }, 20);
    expect(r).toEqual({ ok: false, path: "waves.sizes", message: 'the waves cover 12 of 20 eligible targets (canary 2 + 5 + 25%); add a wave, or end with "100%" for the rest' });
    expect(resolveWaves({ canary: 3, sizes: [] }, 4)).toMatchObject({ ok: false, path: "waves.sizes" });
  });

  it("drops waves the earlier ones leave nothing for, and says so", () => {
    expect(resolveWaves({ canary: 2, sizes: ["100%", 10] }, 6)).toEqual({
      ok: true, sizes: [2, 4], notes: ["wave 2 (10) is not needed: the waves before it cover every eligible target"],
    });
  });

  it("shrinks a canary larger than the eligible set", () => {
    expect(resolveWaves({ canary: 5, sizes: [] }, 3)).toEqual({ ok: true, sizes: [3], notes: ["the canary wave asks for 5 but only 3 targets are eligible"] });
  });

  it("plans nothing for no eligible target", () => {
    expect(resolveWaves({ canary: 1, sizes: ["100%"] }, 0)).toMatchObject({ ok: true, sizes: [] });
  });
});
