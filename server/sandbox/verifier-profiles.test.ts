import { describe, expect, it } from "vitest";
import { shellFacts } from "../policy/shell-facts";
import { VERIFIER_PROFILES, verifierCommandLines } from "./verifier-profiles";

describe("verifierCommandLines", () => {
  it("writes each step as the command line that runs exactly its argv", () => {
    expect(verifierCommandLines("node-test")).toContain("node --test");
    for (const [profile, steps] of Object.entries(VERIFIER_PROFILES)) {
      const lines = verifierCommandLines(profile);
      expect(lines).toHaveLength(steps.length);
      lines.forEach((line, i) => expect(shellFacts(line).commands.map((c) => c.argv)).toEqual([steps[i]!.argv]));
    }
  });

  it("has none for a profile it does not know", () => {
    expect(verifierCommandLines("make-believe")).toEqual([]);
  });
});
