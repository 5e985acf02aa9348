import { describe, expect, it } from "vitest";
import { applyErrata, ERRATA } from "./errata";
import { loadGithubExtract } from "./load-extract";

describe("errata", () => {
  it("are applied in the checked-in extract", () => {
    const account = (loadGithubExtract().paths["/app/installations"] as any).get.responses["200"].content["application/json"].schema.items.properties.account;
    expect(Object.keys(account)).toContain("anyOf");
    expect(Object.keys(account)).not.toContain("allOf");
    expect(ERRATA.every((e) => e.why.length > 20)).toBe(true);
  });

  it("renames the keyword at the place, and refuses a place that no longer holds it", () => {
    const d = { paths: { "/a/b": { get: { x: { allOf: [1] } } } } };
    const erratum = { pointer: "/paths/~1a~1b/get/x", rename: { from: "allOf", to: "anyOf" }, why: "because the test says so, at length" };
    applyErrata(d, [erratum]);
    expect(d.paths["/a/b"].get.x).toEqual({ anyOf: [1] });
    expect(() => applyErrata(d, [erratum])).toThrow(/no longer fits/);
    expect(() => applyErrata({}, [erratum])).toThrow(/\/paths\/~1a~1b\/get\/x/);
  });
});
