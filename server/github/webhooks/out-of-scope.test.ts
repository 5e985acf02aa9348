import { describe, expect, it } from "vitest";
import { mentionedPaths, outOfScopeReason } from "./out-of-scope";

const CHANGED = ["src/index.js", "src/lib/format.ts", "README.md"];

describe("mentioned paths", () => {
  it("finds files with known extensions, folders with a trailing slash, and anything path-like in backticks", () => {
    expect(mentionedPaths("Please look at src/index.js and `lib/auth` and docs/ too.").sort()).toEqual(["docs/", "lib/auth", "src/index.js"]);
    expect(mentionedPaths("Update package.json, then config.yaml.")).toEqual(["package.json", "config.yaml"]);
  });

  it("ignores URLs, references, versions, abbreviations and prose with slashes", () => {
    expect(mentionedPaths("See https://example.com/a/b.js, acme/widgets#12, @acme/reviewers, v1.2.3, e.g. this, and/or that; Node 1.0 works")).toEqual([]);
  });
});

describe("out of scope", () => {
  it("passes a comment about the files the run changed (by path, by name or by folder)", () => {
    expect(outOfScopeReason("Nice. In src/index.js the name could be clearer.", CHANGED)).toBeNull();
    expect(outOfScopeReason("`format.ts` looks good; README.md too", CHANGED)).toBeNull();
    expect(outOfScopeReason("Everything under src/lib/ is fine", CHANGED)).toBeNull();
    expect(outOfScopeReason("LGTM, thanks! I also think this is right.", CHANGED)).toBeNull();
  });

  it("flags a comment that names a file the run did not change", () => {
    expect(outOfScopeReason("Please update src/billing/invoice.ts as well", CHANGED)).toBe("the comment names a path outside the files the run changed: src/billing/invoice.ts");
    expect(outOfScopeReason("what about `scripts/deploy`?", CHANGED)).toMatch(/scripts\/deploy/);
  });

  it("flags a comment that asks to also change something", () => {
    expect(outOfScopeReason("Could you also bump the version while here?", CHANGED)).toMatch(/asks for a further change \("also bump"\)/);
    expect(outOfScopeReason("Please also change module X", CHANGED)).toMatch(/also change/);
    expect(outOfScopeReason("While you're at it, rename the helper", CHANGED)).toMatch(/further change/);
  });
});
