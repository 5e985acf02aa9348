import { describe, expect, it } from "vitest";
import { pageNumber, pageSteps } from "./cursor-trail";
import { day, defineUrlFilter, matching, oneOf, text, token } from "./url-filter";

const filter = defineUrlFilter(
  { view: oneOf(["open", "all"], "open"), state: oneOf(["failed", "running"]), q: text(10), code: matching(/^[a-z]{2}$/), from: day, after: token },
  (f, allowAll: boolean) => ({ ...f, view: f.view === "all" && !allowAll ? "open" : f.view }),
);
const parse = (qs: string, allowAll = true) => filter.parse(new URLSearchParams(qs), allowAll);

describe("a filter in the URL", () => {
  it("reads every key, and the defaults from an empty URL", () => {
    expect(parse("")).toEqual({ view: "open", state: "", q: "", code: "", from: "", after: "" });
    expect(filter.defaults).toEqual(parse(""));
    expect(parse("view=all&state=failed&q=%20web%20&code=de&from=2026-11-30&after=c_1-x&other=1"))
      .toEqual({ view: "all", state: "failed", q: "web", code: "de", from: "2026-11-30", after: "c_1-x" });
  });

  it("falls back to the default for a value it does not accept", () => {
    expect(parse("view=closed&state=FAILED&q=abcdefghijklmnop&code=d%20e&from=2026-13-01&after=..%2Fx"))
      .toEqual({ view: "open", state: "", q: "abcdefghij", code: "", from: "", after: "" });
    expect(parse("from=yesterday").from).toBe("");
    expect(parse(`after=${"a".repeat(65)}`).after).toBe("");
  });

  it("applies the caller's rules after the keys are parsed", () => {
    expect(parse("view=all", false).view).toBe("open");
    expect(parse("view=all", true).view).toBe("all");
  });

  it("leaves defaults and empty values out of the URL and round-trips the rest", () => {
    expect(filter.query(parse("view=open&state=running"))).toEqual({ view: undefined, state: "running", q: undefined, code: undefined, from: undefined, after: undefined });
    expect(filter.search(filter.defaults)).toBe("");
    const f = parse("after=abc&q=a%20b&view=all&code=xy");
    // In the order the keys are declared, whatever the order in the link.
    expect(filter.search(f)).toBe("view=all&q=a+b&code=xy&after=abc");
    expect(parse(filter.search(f))).toEqual(f);
  });

  it("compares filters by what their URLs say", () => {
    expect(filter.same(parse("view=open"), parse(""))).toBe(true);
    expect(filter.same(parse("state=failed"), parse("state=running"))).toBe(false);
  });
});

describe("paging by cursor", () => {
  it("goes forward by the answer's cursor, back along the trail, and first from anywhere", () => {
    expect(pageSteps([], "", "c2")).toEqual({ next: { cursor: "c2", trail: [""] } });
    expect(pageSteps(["", "c2"], "c3", null)).toEqual({ first: { cursor: "", trail: [] }, prev: { cursor: "c2", trail: [""] } });
    // Opened from a link on a later page: no way back but to the first.
    expect(pageSteps([], "c7", "c8")).toEqual({ first: { cursor: "", trail: [] }, next: { cursor: "c8", trail: ["c7"] } });
  });

  it("numbers pages from where paging started", () => {
    expect(pageNumber([], "")).toBeNull();
    expect(pageNumber([""], "c2")).toBe(2);
    expect(pageNumber([], "c7")).toBe(1);
  });
});
