import { describe, expect, it } from "vitest";
import { shellFacts } from "../policy/shell-facts";
import { verifierCommandLines } from "./verifier-command-lines";

const STEPS = [
  { name: "unit-tests", argv: ["node", "--test"], timeoutSeconds: 60 },
  { name: "build", argv: ["node", "-e", `\nconst p = require("path");\nif (/\\.js$/.test('a.js')) console.log('it\\'s $HOME; ok');\n`], timeoutSeconds: 60 },
  { name: "make", argv: ["make", "-j2", "check", "CFLAGS=-O2 -Wall", "&&", "rm -rf /"], timeoutSeconds: 600 },
];

describe("verifierCommandLines", () => {
  it("writes each step as the command line that runs exactly its argv", () => {
    const lines = verifierCommandLines(STEPS);
    expect(lines[0]).toBe("node --test");
    expect(lines).toHaveLength(STEPS.length);
    lines.forEach((line, i) => expect(shellFacts(line).commands.map((c) => c.argv)).toEqual([STEPS[i]!.argv]));
  });

  it("has none for a profile without steps", () => {
    expect(verifierCommandLines([])).toEqual([]);
  });
});
