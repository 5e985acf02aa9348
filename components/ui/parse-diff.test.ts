import { describe, expect, it } from "vitest";
import { highlightLine, languageOf } from "./code-tokens";
import { parseDiff } from "./parse-diff";

const PATCH = `diff --git a/package.json b/package.json
index 1111111..2222222 100644
--- a/package.json
+++ b/package.json
@@ -3,3 +3,3 @@
   "dependencies": {
-    "semver": "7.5.4"
+    "semver": "7.6.3"
   }
diff --git a/docs/NEW.md b/docs/NEW.md
new file mode 100644
--- /dev/null
+++ b/docs/NEW.md
@@ -0,0 +1,2 @@
+# New
+text
`;

describe("parseDiff", () => {
  it("splits a git diff into files with numbered lines and counts", () => {
    const files = parseDiff(PATCH);
    expect(files.map((f) => [f.path, f.status, f.added, f.removed])).toEqual([["package.json", "modified", 1, 1], ["docs/NEW.md", "added", 2, 0]]);
    const [pkg] = files;
    expect(pkg!.lines.map((l) => [l.kind, l.oldNo, l.newNo])).toEqual([
      ["hunk", null, null], ["ctx", 3, 3], ["del", 4, null], ["add", null, 4], ["ctx", 5, 5],
    ]);
    expect(pkg!.lines[3]!.text).toBe('    "semver": "7.6.3"');
  });

  it("keeps text that is not a git diff as one unnamed file", () => {
    const [f] = parseDiff("+ added line\n- removed line\nnote");
    expect(f!.path).toBe("");
    expect(f!.lines.map((l) => [l.kind, l.text])).toEqual([["add", " added line"], ["del", " removed line"], ["meta", "note"]]);
  });
});

describe("highlightLine", () => {
  it("picks the language by file name", () => {
    expect(["a.ts", "b.mjs", "c.json", "d.yml", "README.md", "run.sh", ".env", "LICENSE"].map(languageOf)).toEqual(["js", "js", "json", "yaml", "markdown", "shell", "shell", "plain"]);
  });

  it("tells keywords, strings, numbers and comments apart in code, and keeps every character", () => {
    const line = 'const n = toMinor("12.34", 2); // cents';
    const tokens = highlightLine(line, "js");
    expect(tokens.map((t) => t.text).join("")).toBe(line);
    expect(tokens.filter((t) => t.kind !== "text").map((t) => `${t.kind}:${t.text}`)).toEqual(["keyword:const", 'string:"12.34"', "number:2", "comment:// cents"]);
  });

  it("marks YAML keys, values and comments, and JSON keys", () => {
    expect(highlightLine("  timeout_ms: 500 # was timeoutMs", "yaml").filter((t) => t.kind !== "text").map((t) => `${t.kind}:${t.text}`)).toEqual(["key:timeout_ms", "number:500", "comment: # was timeoutMs"]);
    expect(highlightLine('  "semver": "7.6.3"', "json").filter((t) => t.kind !== "text").map((t) => `${t.kind}:${t.text}`)).toEqual(['key:"semver"', 'string:"7.6.3"']);
  });
});
