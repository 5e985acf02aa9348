import { describe, expect, it } from "vitest";
import { runApiQuery, runFilter } from "./list-filter";

const from = (qs: string) => runFilter.parse(new URLSearchParams(qs));

describe("the runs list's URL", () => {
  it("defaults to active runs and drops values the API would refuse", () => {
    expect(from("")).toMatchObject({ view: "open", state: "", repositoryId: "", taskClass: "", from: "", to: "" });
    expect(from("view=all&state=exploded&taskClass=DROP&from=yesterday&repositoryId=a%20b")).toMatchObject({ view: "all", state: "", taskClass: "", from: "", repositoryId: "" });
  });

  it("asks the API for whole UTC days, the end day included", () => {
    const q = runApiQuery(from("view=all&state=failed&taskClass=docs_update&from=2026-11-01&to=2026-11-20&requester=op%40acme.test&after=abc"));
    expect(q).toEqual({
      view: "all", limit: 25, state: "failed", taskClass: "docs_update", requester: "op@acme.test", after: "abc",
      from: "2026-11-01T00:00:00Z", to: "2026-11-21T00:00:00.000Z",
    });
  });

  it("leaves the default view and empty filters out of the URL", () => {
    expect(Object.entries(runFilter.query(from("view=open&state=running"))).filter(([, v]) => v)).toEqual([["state", "running"]]);
  });
});
