// The agent's file tools stay inside the workspace, out of .git, and off links leading out.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxHostIds } from "./sandbox-host";
import { makeTempWorkspace, type TempWorkspace } from "./temp-workspace";
import { checkExportable, listFiles, readWorkspaceFile, searchWorkspace, writeWorkspaceFile } from "./workspace-files";

let ws: TempWorkspace;
let dir: string;

beforeAll(async () => {
  ws = await makeTempWorkspace("fleetgate-files-");
  dir = ws.dir;
  mkdirSync(path.join(dir, ".git", "hooks"), { recursive: true });
  writeFileSync(path.join(dir, ".git", "config"), "[core]\n");
  mkdirSync(path.join(dir, "src", "lib"), { recursive: true });
  writeFileSync(path.join(dir, "README.md"), "# Title\nhello world\n");
  writeFileSync(path.join(dir, "src", "index.ts"), "export const a = 1; // TODO(a.b)\nconst hello = 'world';\n");
  writeFileSync(path.join(dir, "src", "lib", "util.ts"), "export function hello() {}\n");
  writeFileSync(path.join(dir, "src", "a-b.ts"), "hello\n");
  writeFileSync(path.join(dir, "image.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 104, 101, 108, 108, 111]));
  writeFileSync(path.join(ws.parent, "outside.txt"), "OUTSIDE hello\n");
  symlinkSync("README.md", path.join(dir, "readme-link"));
  symlinkSync("/etc/passwd", path.join(dir, "passwd-link"));
  symlinkSync("/etc", path.join(dir, "etc-link"));
  symlinkSync(path.join(ws.parent, "outside.txt"), path.join(dir, "outside-link"));
  symlinkSync(".git/config", path.join(dir, "git-config-link"));
  symlinkSync("src", path.join(dir, "src-link"));
  execFileSync("mkfifo", [path.join(dir, "pipe")]);
});

afterAll(async () => {
  await ws.remove();
});

const ESCAPES: [string, RegExp][] = [
  ["../x", /path "..\/x" escapes the workspace: ".." is not allowed/],
  ["/etc/passwd", /path "\/etc\/passwd" escapes the workspace: give a path relative to the workspace root/],
  ["a/../../x", /escapes the workspace: ".." is not allowed/],
  ["src/../README.md", /".." is not allowed/],
  [".git/config", /path ".git\/config" is inside .git, which the file tools may not touch/],
  ["src/.git/x", /inside .git/],
  [".GIT/config", /inside .git/],
  ["passwd-link", /is a symbolic link that escapes the workspace/],
  ["etc-link/shadow", /escapes the workspace/],
  ["outside-link", /is a symbolic link that escapes the workspace/],
  ["git-config-link", /is a symbolic link into .git/],
];

describe("path confinement", () => {
  it.each(ESCAPES)("refuses %s for reading and export", async (p, message) => {
    await expect(readWorkspaceFile(dir, p)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(message) });
    await expect(checkExportable(dir, p)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(message) });
  });

  it("refuses writes outside the workspace, into .git and through links", async () => {
    for (const p of ["../x", "/tmp/x", "a/../../x", ".git/config", ".git/hooks/pre-commit"]) {
      await expect(writeWorkspaceFile(dir, p, "x")).rejects.toMatchObject({ code: "validation_failed" });
    }
    await expect(writeWorkspaceFile(dir, "passwd-link", "x")).rejects.toThrow(/is a symbolic link; writing through links is refused/);
    await expect(writeWorkspaceFile(dir, "readme-link", "x")).rejects.toThrow(/is a symbolic link/);
    await expect(writeWorkspaceFile(dir, "etc-link/evil", "x")).rejects.toThrow(/goes through the symbolic link "etc-link"/);
    await expect(writeWorkspaceFile(dir, "src-link/evil.ts", "x")).rejects.toThrow(/goes through the symbolic link "src-link"/);
    expect(existsSync(path.join(ws.parent, "x"))).toBe(false);
    expect(existsSync("/etc/evil")).toBe(false);
    expect(readFileSync(path.join(dir, ".git", "config"), "utf8")).toBe("[core]\n");
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toBe("# Title\nhello world\n");
  });
});

describe("readWorkspaceFile", () => {
  it("reads text, through a link that stays inside, and cuts at maxBytes", async () => {
    expect(await readWorkspaceFile(dir, "README.md")).toEqual({ path: "README.md", content: "# Title\nhello world\n", size: 20, truncated: false, binary: false });
    expect((await readWorkspaceFile(dir, "./readme-link")).content).toBe("# Title\nhello world\n");
    expect(await readWorkspaceFile(dir, "README.md", { maxBytes: 7 })).toMatchObject({ content: "# Title", truncated: true });
  });

  it("says a file is binary instead of returning its bytes", async () => {
    expect(await readWorkspaceFile(dir, "image.png")).toMatchObject({ content: "", binary: true, size: 13 });
  });

  it("refuses directories, FIFOs (without blocking) and missing files", async () => {
    await expect(readWorkspaceFile(dir, "src")).rejects.toThrow(/is a directory/);
    await expect(readWorkspaceFile(dir, "pipe")).rejects.toThrow(/is not a regular file/);
    await expect(readWorkspaceFile(dir, "nope.txt")).rejects.toMatchObject({ code: "not_found" });
    await expect(checkExportable(dir, "pipe")).rejects.toThrow(/is not a regular file/);
  });
});

describe("writeWorkspaceFile", () => {
  it("creates parents, replaces files, and gives them to the sandbox's host identity", async () => {
    expect(await writeWorkspaceFile(dir, "new/dir/file.txt", "héllo\n")).toEqual({ path: "new/dir/file.txt", bytes: 7, created: true });
    expect(readFileSync(path.join(dir, "new/dir/file.txt"), "utf8")).toBe("héllo\n");
    expect(await writeWorkspaceFile(dir, "new/dir/file.txt", "again\n")).toMatchObject({ created: false, bytes: 6 });
    const { uid } = sandboxHostIds();
    for (const p of ["new", "new/dir", "new/dir/file.txt"]) expect(statSync(path.join(dir, p)).uid).toBe(uid);
    expect(lstatSync(path.join(dir, "new/dir/file.txt")).mode & 0o777).toBe(0o644);
    await expect(writeWorkspaceFile(dir, "README.md/child", "x")).rejects.toThrow(/needs "README.md" to be a directory/);
  });
});

describe("checkExportable", () => {
  it("accepts a regular file, also through a link inside, and names its real path", async () => {
    expect(await checkExportable(dir, "src/index.ts")).toEqual({ path: "src/index.ts", size: 56 });
    expect(await checkExportable(dir, "readme-link")).toEqual({ path: "README.md", size: 20 });
    await expect(checkExportable(dir, "src")).rejects.toThrow(/is not a regular file/);
  });
});

describe("listFiles", () => {
  it("lists one directory sorted, directories marked, .git left out", async () => {
    const r = await listFiles(dir);
    expect(r.truncated).toBe(false);
    expect(r.files).toContain("src/");
    expect(r.files).toContain("passwd-link");
    expect(r.files.some((f) => f.startsWith(".git"))).toBe(false);
    expect(r.files).toEqual([...r.files].sort());
  });

  it("lists recursively without following links, and says when it stopped at the limit", async () => {
    const r = await listFiles(dir, { path: "src", recursive: true });
    expect(r).toEqual({ files: ["src/a-b.ts", "src/index.ts", "src/lib/util.ts"], truncated: false });
    expect((await listFiles(dir, { recursive: true })).files.some((f) => f.startsWith("etc-link/"))).toBe(false);
    expect(await listFiles(dir, { path: "src", recursive: true, limit: 2 })).toMatchObject({ truncated: true });
    await expect(listFiles(dir, { path: "etc-link" })).rejects.toThrow(/escapes the workspace/);
    await expect(listFiles(dir, { path: ".git" })).rejects.toThrow(/inside .git/);
    await expect(listFiles(dir, { path: "README.md" })).rejects.toThrow(/is not a directory/);
  });
});

describe("searchWorkspace", () => {
  it("finds literal text line by line, skipping binaries, links and .git", async () => {
    const r = await searchWorkspace(dir, { pattern: "hello" });
    expect(r.matches).toEqual([
      { path: "README.md", line: 2, text: "hello world" },
      { path: "src/a-b.ts", line: 1, text: "hello" },
      { path: "src/index.ts", line: 2, text: "const hello = 'world';" },
      { path: "src/lib/util.ts", line: 1, text: "export function hello() {}" },
    ]);
    expect(r.matches.some((m) => m.path.includes("link") || m.path === "image.png")).toBe(false);
    expect((await searchWorkspace(dir, { pattern: "TODO(a.b)" })).matches).toEqual([{ path: "src/index.ts", line: 1, text: "export const a = 1; // TODO(a.b)" }]);
  });

  it("takes regular expressions, a path and a limit", async () => {
    const r = await searchWorkspace(dir, { pattern: "^export (const|function)", regex: true, path: "src" });
    expect(r.matches.map((m) => m.path)).toEqual(["src/index.ts", "src/lib/util.ts"]);
    expect(await searchWorkspace(dir, { pattern: "hello", limit: 2 })).toMatchObject({ truncated: true, matches: [{}, {}] });
    await expect(searchWorkspace(dir, { pattern: "x", path: "../" })).rejects.toThrow(/escapes the workspace/);
  });

  it("explains an invalid regular expression", async () => {
    await expect(searchWorkspace(dir, { pattern: "foo(", regex: true })).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringMatching(/^invalid regular expression "foo\(": .*Unterminated group/),
    });
  });

  it("stops a catastrophically backtracking pattern within its time budget", async () => {
    writeFileSync(path.join(dir, "redos.txt"), `${"a".repeat(40)}!\n`);
    // The error is the budget's own: a search that ran to its end could not say it took too long.
    await expect(searchWorkspace(dir, { pattern: "^(a+)+$", regex: true })).rejects.toThrow(/search took longer than/);
  });
});
