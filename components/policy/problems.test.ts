import { describe, expect, it } from "vitest";
import { ApiError } from "../api/api-error";
import { blastApiFilter, blastFilterFrom } from "./blast-radius-filter";
import { parseCompare } from "./history-panel";
import { problemsOf } from "./problems";

describe("problemsOf", () => {
  it("reads every problem's source, line, column and path from a save's 422 details", () => {
    const problems = [
      { source: "policy", line: 12, column: 5, path: "rules.0.efect", message: 'unknown key "efect"' },
      { source: "tests", line: 3, column: 1, path: "", message: 'test "x" references unknown rule "y"' },
    ];
    const err = new ApiError(422, "validation_failed", "2 problem(s)", [], undefined, { problems: [...problems, { source: "elsewhere" }] });
    expect(problemsOf(err)).toEqual(problems);
  });

  it("is null for anything but a 422 with positions", () => {
    expect(problemsOf(new ApiError(409, "conflict", "version 3 was saved"))).toBeNull();
    expect(problemsOf(new ApiError(422, "validation_failed", "x", [{ path: "body.message", message: "required" }]))).toBeNull();
    expect(problemsOf(new ApiError(422, "validation_failed", "x", [], undefined, { problems: "no" }))).toBeNull();
    expect(problemsOf(new Error("x"))).toBeNull();
  });
});

describe("URL state", () => {
  it("parses a compare pair, sorted, and ignores junk", () => {
    expect(parseCompare("5..3")).toEqual([3, 5]);
    expect(parseCompare("3")).toEqual([3]);
    expect(parseCompare("a..-1")).toEqual([]);
    expect(parseCompare(null)).toEqual([]);
  });

  it("turns the blast radius filter into the API's, UTC minutes to ISO", () => {
    const f = blastFilterFrom(new URLSearchParams("limit=500&action=tool.shell&since=2026-01-02T03:04"));
    expect(blastApiFilter(f)).toEqual({ limit: 500, action: "tool.shell", since: "2026-01-02T03:04:00Z" });
    expect(blastFilterFrom(new URLSearchParams("limit=lots")).limit).toBe("10000");
  });
});
