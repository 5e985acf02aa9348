import { describe, expect, it } from "vitest";
import { parseHumanArgs } from "./parse-human-args";

describe("parseHumanArgs", () => {
  it("builds the control endpoint's body", () => {
    expect(parseHumanArgs(["approve", "acme/widgets", "3", "--as", "alice", "--body", "LGTM"])).toEqual({ ok: true, body: { action: "approve", repo: "acme/widgets", user: "alice", number: 3, body: "LGTM" } });
    expect(parseHumanArgs(["push", "acme/widgets", "3", "--as", "bob", "--file", "a.md=x=y", "--message", "fix"])).toEqual({
      ok: true, body: { action: "push", repo: "acme/widgets", user: "bob", number: 3, files: { "a.md": "x=y" }, message: "fix" },
    });
  });

  it.each([
    [["approve", "acme/widgets", "3", "--as", "a", "--bogus"], /^Unknown option '--bogus'.*; usage: github-twin/],
    [["approve", "acme/widgets", "3"], /^usage: github-twin/],
    [["approve", "acme/widgets", "three", "--as", "a"], /^the pull request number must be a whole number, not "three"$/],
    [["approve", "acme/widgets", "3", "4", "--as", "a"], /^unexpected argument "4"/],
    [["push", "acme/widgets", "3", "--as", "a", "--file", "nothing", "--message", "m"], /^--file must be path=content, not "nothing"$/],
    [["dance", "acme/widgets", "3", "--as", "a"], /^action: /],
    [["approve", "widgets", "3", "--as", "a"], /^repo: must be owner\/name$/],
    [["set_check", "acme/widgets", "3", "--as", "ci", "--name", "build", "--conclusion", "great"], /^conclusion: /],
  ])("refuses %j in one line", (argv, message) => {
    const r = parseHumanArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      expect(r.message).not.toContain("\n");
    }
  });
});
