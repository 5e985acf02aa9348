import { describe, expect, it } from "vitest";
import { parseRecipe } from "./recipe-schema";

const HEAD = "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: bump-left-pad, description: Raise left-pad }\n";

const problems = (text: string) => {
  const r = parseRecipe(text);
  if (r.ok) throw new Error("expected problems");
  return r.problems.map((p) => `${p.line}: ${p.path ? `${p.path}: ` : ""}${p.message}`);
};

describe("parseRecipe", () => {
  it("accepts the three verbs and fills defaults", () => {
    const r = parseRecipe(`${HEAD}steps:
  - run: npm pkg set dependencies.left-pad=^1.4.0
  - replace: { files: "src/**/*.js", pattern: "var ", with: "let " }
  - name: changelog
    write: { path: CHANGELOG.md, content: "## 1.4.0\\n" }
`);
    expect(r).toEqual({
      ok: true,
      recipe: {
        apiVersion: "fleetgate/v1", kind: "Recipe", metadata: { name: "bump-left-pad", description: "Raise left-pad" },
        steps: [
          { run: "npm pkg set dependencies.left-pad=^1.4.0" },
          { replace: { files: "src/**/*.js", pattern: "var ", with: "let ", regex: false } },
          { name: "changelog", write: { path: "CHANGELOG.md", content: "## 1.4.0\n" } },
        ],
      },
    });
  });

  it("reports bad YAML at its line", () => {
    expect(problems(`${HEAD}steps:\n  - run: [unclosed\n`)[0]).toMatch(/^6: YAML: /);
  });

  it("reports unknown keys, missing keys and wrong header values at their lines", () => {
    expect(problems(`apiVersion: fleetgate/v2\nkind: Recipe\nmetadata: { name: x, owner: me }\nsteps:\n  - run: ls\n    timeout: 5\n`)).toEqual([
      '1: apiVersion: apiVersion must be "fleetgate/v1"',
      '3: metadata.owner: unknown key "owner"',
      '6: steps.0.timeout: unknown key "timeout"',
    ]);
    expect(problems("kind: Recipe\nmetadata: { name: x }\nsteps: []\n")).toEqual([
      "1: apiVersion: required key is missing",
      "3: steps: a recipe needs at least one step",
    ]);
  });

  it("needs exactly one verb per step", () => {
    expect(problems(`${HEAD}steps:\n  - run: ls\n  - name: nothing\n  - run: ls\n    write: { path: a, content: b }\n`)).toEqual([
      "6: steps.1: a step needs one of run, replace, write",
      "7: steps.2: a step does one thing; this one has run and write",
    ]);
  });

  it("refuses an empty or multi-line run", () => {
    expect(problems(`${HEAD}steps:\n  - run: "  "\n  - run: |\n      npm ci\n      npm test\n`)).toEqual([
      "5: steps.0.run: run: the command is empty",
      "6: steps.1.run: run is one command line; put each command in a step of its own",
    ]);
  });

  it("refuses globs and regexes that do not compile, and empty matches", () => {
    expect(problems(`${HEAD}steps:
  - replace: { files: "src/**/*.{js,ts}", pattern: a, with: b }
  - replace: { files: "src/*.js", pattern: "(unclosed", with: b, regex: true }
  - replace: { files: "src/*.js", pattern: "x*", with: b, regex: true }
`)).toEqual([
      "5: steps.0.replace.files: files: only *, ** and ? are glob syntax here; braces and brackets are not supported (use one replace step per pattern)",
      expect.stringMatching(/^6: steps\.1\.replace\.pattern: pattern is not a valid regular expression: /),
      "7: steps.2.replace.pattern: pattern matches empty text; it must match at least one character",
    ]);
  });

  it("refuses absolute and '..' paths", () => {
    expect(problems(`${HEAD}steps:
  - write: { path: /etc/passwd, content: x }
  - write: { path: ../other/README.md, content: x }
  - replace: { files: "src/../../**", pattern: a, with: b }
`)).toEqual([
      "5: steps.0.write.path: path must be relative to the repository root, not absolute",
      "6: steps.1.write.path: path must not contain '..' segments",
      "7: steps.2.replace.files: files must not contain '..' segments",
    ]);
  });
});
