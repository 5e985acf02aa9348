import { describe, expect, it } from "vitest";
import { ceilDiv, formatMoney, microsToDecimal, modelCost, parseAmount, resourceCost, worstCaseModelCost, type TokenPrice } from "./money";

// gpt-4o's platform price: $2.50 in, $10 out, $1.25 cached per million tokens.
const gpt4o: TokenPrice = { inputMicros: 2_500_000n, outputMicros: 10_000_000n, cachedMicros: 1_250_000n };

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): (max: number) => number {
  let s = seed >>> 0;
  return (max) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((s / 2 ** 32) * (max + 1));
  };
}

describe("model cost", () => {
  it("is exact in micro-units for whole amounts", () => {
    expect(modelCost(gpt4o, { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(12_500_000n);
    expect(modelCost(gpt4o, { inputTokens: 0, outputTokens: 0 })).toBe(0n);
  });

  it("rounds each recorded cost up, never down to zero", () => {
    // One input token at $2.50 per million is 2.5 micro-units: 3.
    expect(modelCost(gpt4o, { inputTokens: 1, outputTokens: 0 })).toBe(3n);
    // 0.15 micro-units (gpt-4o-mini's input) is still 1.
    expect(modelCost({ inputMicros: 150_000n, outputMicros: 600_000n, cachedMicros: 75_000n }, { inputTokens: 1, outputTokens: 0 })).toBe(1n);
    // The sum is rounded once, not each part: 1 in (2.5) + 1 out (10) = 12.5 -> 13.
    expect(modelCost(gpt4o, { inputTokens: 1, outputTokens: 1 })).toBe(13n);
    // 1,000,001 output tokens at 10 per million each... exactly 10,000,010.
    expect(modelCost(gpt4o, { inputTokens: 0, outputTokens: 1_000_001 })).toBe(10_000_010n);
  });

  it("prices cached tokens, part of the input tokens, at their own rate", () => {
    // 1,000 input of which 400 cached: 600 x 2.5 + 400 x 1.25 = 1,500 + 500 = 2,000 micro-units (0.002).
    expect(modelCost(gpt4o, { inputTokens: 1_000, outputTokens: 0, cachedTokens: 400 })).toBe(2_000n);
    // All cached.
    expect(modelCost(gpt4o, { inputTokens: 1_000_000, outputTokens: 0, cachedTokens: 1_000_000 })).toBe(1_250_000n);
    // A provider reporting more cached than input tokens is held to the input tokens.
    expect(modelCost(gpt4o, { inputTokens: 100, outputTokens: 0, cachedTokens: 1_000 })).toBe(modelCost(gpt4o, { inputTokens: 100, outputTokens: 0, cachedTokens: 100 }));
  });

  it("stays exact past the float range (no floating point money)", () => {
    const dear: TokenPrice = { inputMicros: 999_999_999_999n, outputMicros: 999_999_999_999n, cachedMicros: 1n };
    expect(modelCost(dear, { inputTokens: 2_000_000_000, outputTokens: 2_000_000_000 })).toBe(3_999_999_999_996_000n);
  });
});

describe("worst-case model cost", () => {
  it("bounds input by the request's bytes and output by max_tokens, at the dearer of input and cached", () => {
    expect(worstCaseModelCost(gpt4o, 1_000, 500)).toBe(ceilDiv(1_000n * 2_500_000n + 500n * 10_000_000n, 1_000_000n));
    // A (strange) price whose cached rate is dearer than fresh input.
    const odd: TokenPrice = { inputMicros: 1_000_000n, outputMicros: 0n, cachedMicros: 3_000_000n };
    expect(worstCaseModelCost(odd, 10, 0)).toBe(30n);
  });

  it("is at least the real cost of any call whose input tokens are at most the request's bytes", () => {
    const r = random(16);
    for (let i = 0; i < 20_000; i++) {
      const price: TokenPrice = { inputMicros: BigInt(r(30_000_000)), outputMicros: BigInt(r(90_000_000)), cachedMicros: BigInt(r(30_000_000)) };
      const requestBytes = r(i % 10 === 0 ? 50 : 400_000);
      const maxOutput = r(i % 10 === 1 ? 3 : 32_000);
      const inputTokens = r(requestBytes);
      const cachedTokens = r(inputTokens + 5);
      const outputTokens = r(maxOutput);
      const real = modelCost(price, { inputTokens, outputTokens, cachedTokens });
      const worst = worstCaseModelCost(price, requestBytes, maxOutput);
      if (real > worst) throw new Error(`case ${i}: real ${real} > worst ${worst} for ${JSON.stringify({ price: String(Object.values(price)), requestBytes, maxOutput, inputTokens, cachedTokens, outputTokens })}`);
      // At the bound itself (every byte a fresh token, max_tokens produced) the two agree.
      if (price.inputMicros >= price.cachedMicros) expect(modelCost(price, { inputTokens: requestBytes, outputTokens: maxOutput })).toBe(worst);
    }
  });
});

describe("resource cost", () => {
  it("rounds up to the micro-unit, per second or per minute", () => {
    // 30 micro-units a sandbox second: 1 ms is 0.03 -> 1; 1,500 ms is 45.
    expect(resourceCost("sandbox_second", 30n, 1)).toBe(1n);
    expect(resourceCost("sandbox_second", 30n, 1_500)).toBe(45n);
    expect(resourceCost("sandbox_second", 30n, 0)).toBe(0n);
    expect(resourceCost("sandbox_second", 30n, -5)).toBe(0n);
    // A fraction of a millisecond counts as a whole one.
    expect(resourceCost("sandbox_second", 30n, 0.2)).toBe(1n);
    // 2,000 a verifier minute: 90 s is 3,000; 1 ms is 2,000 / 60,000 -> 1.
    expect(resourceCost("verifier_minute", 2_000n, 90_000)).toBe(3_000n);
    expect(resourceCost("verifier_minute", 2_000n, 1)).toBe(1n);
  });
});

describe("decimal text", () => {
  it("prints micro-units exactly", () => {
    expect(microsToDecimal(12_345_678n)).toBe("12.345678");
    expect(microsToDecimal(0n)).toBe("0.000000");
    expect(microsToDecimal(1n)).toBe("0.000001");
    expect(microsToDecimal(-1_500_000n)).toBe("-1.500000");
    expect(microsToDecimal(999_999_999_999_999_999n)).toBe("999999999999.999999");
  });

  it("parses what it prints, and round-trips every amount", () => {
    const r = random(7);
    for (let i = 0; i < 5_000; i++) {
      const m = BigInt(r(2 ** 31)) * BigInt(r(2 ** 20)) + BigInt(r(999_999));
      expect(parseAmount(microsToDecimal(m))).toBe(m);
    }
    for (const m of [0n, 1n, 999_999n, 1_000_000n, 999_999_999_999_999_999n]) expect(parseAmount(microsToDecimal(m))).toBe(m);
  });

  it("parses plain amounts with up to six decimals", () => {
    expect(parseAmount("12.5")).toBe(12_500_000n);
    expect(parseAmount("12")).toBe(12_000_000n);
    expect(parseAmount(" 0.000001 ")).toBe(1n);
    expect(parseAmount("007.10")).toBe(7_100_000n);
    expect(parseAmount("999999999999.999999")).toBe(999_999_999_999_999_999n);
  });

  it("refuses signs, exponents, more than six decimals, separators and anything else", () => {
    for (const bad of ["-1", "-0.5", "+1", "1e3", "1E-6", "0.0000001", "1.1234567", "1,000", "1 000", "$5", "", " ", ".", "1.", ".5", "0x10", "NaN", "Infinity", "1.2.3", "１", "1000000000000"]) {
      expect(parseAmount(bad), bad).toBeNull();
    }
  });
});

describe("formatMoney", () => {
  it("shows cents for a cent or more", () => {
    expect(formatMoney(12_345_678n, "USD")).toBe("$12.35");
    expect(formatMoney(10_000n, "USD")).toBe("$0.01");
    expect(formatMoney(0n, "USD")).toBe("$0.00");
    expect(formatMoney("1500000", "EUR")).toBe("€1.50");
    expect(formatMoney(1_234_567_890_123_456n, "USD")).toBe("$1,234,567,890.12");
  });

  it("never shows a cost under a cent as zero", () => {
    expect(formatMoney(4_200n, "USD")).toBe("$0.0042");
    expect(formatMoney(42n, "USD")).toBe("$0.000042");
    expect(formatMoney(1n, "USD")).toBe("$0.000001");
    expect(formatMoney(9_999n, "USD")).toBe("$0.009999");
    expect(formatMoney(-4_200n, "USD")).toBe("-$0.0042");
    for (let m = 1n; m < 10_000n; m += 37n) expect(formatMoney(m, "USD")).not.toMatch(/^\$0\.0+$/);
  });
});
