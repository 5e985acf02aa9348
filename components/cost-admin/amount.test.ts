import { describe, expect, it } from "vitest";
import { ApiError } from "../api/api-error";
import { amountsOf, decimalText } from "./amount";

describe("amounts in forms", () => {
  it("shows a stored amount as a person types it", () => {
    expect([100_000_000, 2_500_000, 75_000, 30, 0].map(decimalText)).toEqual(["100.00", "2.50", "0.075", "0.00003", "0.00"]);
    expect(decimalText(null)).toBe("");
  });

  it("takes typed amounts as micro-units, leaves out empty optional ones, and refuses the rest next to their fields", () => {
    expect(amountsOf({ a: "12.50", b: " 0.075 ", c: "" }, ["a", "b", "c"], ["c"])).toEqual({ a: 12_500_000, b: 75_000 });
    let err: unknown;
    try {
      amountsOf({ a: "-1", b: "1,5", c: "" }, ["a", "b", "c"]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).issues.map((i) => i.path)).toEqual(["body.a", "body.b", "body.c"]);
  });
});
