import { describe, expect, it } from "vitest";
import { proposedLimit } from "./wait-for-budget";

describe("proposedLimit", () => {
  it("is the limit plus the larger of what the step needed and a quarter of the limit, rounded up to a cent", () => {
    // $10 limit, a step of $0.50: a quarter ($2.50) is the larger.
    expect(proposedLimit({ limitMicros: 10_000_000n, neededMicros: 500_000n })).toBe(12_500_000n);
    // A step larger than a quarter: the step.
    expect(proposedLimit({ limitMicros: 10_000_000n, neededMicros: 4_000_001n })).toBe(14_010_000n);
    // Tiny amounts still round up to a whole cent.
    expect(proposedLimit({ limitMicros: 250n, neededMicros: 100n })).toBe(10_000n);
    expect(proposedLimit({ limitMicros: 0n, neededMicros: 1n })).toBe(10_000n);
    expect(proposedLimit({ limitMicros: 1_000_000n, neededMicros: 0n })).toBe(1_250_000n);
  });
});
