import { describe, expect, it } from "vitest";
import { exactDuration } from "./exact-duration";

describe("exactDuration", () => {
  it("keeps every unit down to the second, and milliseconds under a minute", () => {
    expect(exactDuration(0)).toBe("0 s");
    expect(exactDuration(4_321)).toBe("4.321 s");
    expect(exactDuration(4_000)).toBe("4 s");
    expect(exactDuration(59_999)).toBe("59.999 s");
    expect(exactDuration(60_000)).toBe("1m 00s");
    expect(exactDuration(184_000)).toBe("3m 04s");
    expect(exactDuration(3_723_456)).toBe("1h 02m 03s");
    expect(exactDuration(86_400_001)).toBe("1d 00h 00m 00s");
    expect(exactDuration(93_784_000)).toBe("1d 02h 03m 04s");
  });
});
