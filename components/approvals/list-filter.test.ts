import { describe, expect, it } from "vitest";
import { approvalFilter, listApiQuery } from "./list-filter";
import { humanize } from "../ui/humanize";
import { formatDuration, formatSpan } from "../ui/time";

const from = (qs: string, canSeeAll = true) => approvalFilter.parse(new URLSearchParams(qs), canSeeAll);

describe("the approvals list's URL", () => {
  it("defaults to the inbox and drops what the inbox cannot filter", () => {
    expect(from("")).toEqual({ view: "inbox", state: "", kind: "", after: "" });
    expect(from("state=approved&kind=tool_call")).toEqual({ view: "inbox", state: "", kind: "tool_call", after: "" });
  });

  it("keeps All only for those who oversee", () => {
    expect(from("view=all").view).toBe("all");
    expect(from("view=all", false).view).toBe("inbox");
    expect(from("view=mine", false).view).toBe("mine");
  });

  it("ignores malformed values instead of sending them", () => {
    expect(from("view=mine&state=maybe&kind=DROP TABLE&after=../x")).toEqual({ view: "mine", state: "", kind: "", after: "" });
  });

  it("round-trips through the URL and asks the API for the same page", () => {
    const f = from("view=mine&state=denied&kind=policy_activation&after=abc123");
    expect(from(approvalFilter.search(f))).toEqual(f);
    expect(listApiQuery(f)).toEqual({ view: "mine", state: "denied", kind: "policy_activation", after: "abc123", limit: 25 });
    expect(approvalFilter.query(from(""))).toEqual({ view: undefined, state: undefined, kind: undefined, after: undefined });
  });
});

describe("words", () => {
  it("humanizes keys", () => {
    expect(humanize("targetCount")).toBe("Target count");
    expect(humanize("diff_summary")).toBe("Diff summary");
  });

  it("formats countdowns and waiting times", () => {
    expect(formatDuration(7 * 86_400_000 - 1000)).toBe("6d 23h");
    expect(formatDuration(65 * 60_000)).toBe("1h 5m");
    expect(formatDuration(9 * 60_000 + 5000)).toBe("9m 05s");
    expect(formatDuration(-5)).toBe("0s");
    expect(formatSpan(7 * 86_400_000)).toBe("7 days");
    expect(formatSpan(3_600_000)).toBe("1 hour");
    expect(formatSpan(90 * 60_000)).toBe("90 minutes");
  });
});
