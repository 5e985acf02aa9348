import { describe, expect, it } from "vitest";
import { readBudgetWait } from "./read-budget-wait";

describe("reading a run's budget wait", () => {
  it("takes amounts as strings or numbers", () => {
    expect(readBudgetWait({ budgetId: "b1", budgetName: "Per-run", scope: "run", limitMicros: "2000000", spentMicros: 5, reservedMicros: "0", neededMicros: 300, proposedLimitMicros: "2510000", what: "the next model request", approvalId: "a1" }))
      .toEqual({ budgetId: "b1", budgetName: "Per-run", scope: "run", limitMicros: 2_000_000, spentMicros: 5, reservedMicros: 0, neededMicros: 300, proposedLimitMicros: 2_510_000, what: "the next model request", approvalId: "a1" });
  });

  it("leaves out what it cannot read, and is null for no object at all", () => {
    expect(readBudgetWait({ budgetName: "x", limitMicros: "-1", spentMicros: 1.5, neededMicros: "1e21", reservedMicros: {} })).toEqual({
      budgetId: null, budgetName: "x", scope: null, limitMicros: null, spentMicros: null, reservedMicros: null, neededMicros: null, proposedLimitMicros: null, what: null, approvalId: null,
    });
    for (const raw of [null, "waiting", [1], 3]) expect(readBudgetWait(raw)).toBeNull();
  });
});
