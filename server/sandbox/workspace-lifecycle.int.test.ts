// A run's workspace from clone to diff: prepareWorkspace from a local bare repository, changes
// made inside the sandbox, workspaceDiff's report, and what a tampered .git or a link cannot do.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "../env";
import { prepareWorkspace, removeWorkspace, workspacePath } from "./prepare-workspace";
import { runInSandbox } from "./run-in-sandbox";
import { sandboxHostIds } from "./sandbox-host";
import { workspaceDiff } from "./workspace-diff";
import { checkExportable, readWorkspaceFile } from "./workspace-files";

let tmp: string;
let remote: string;
let mainSha: string;
let featureSha: string;
const savedRunsDir = process.env.RUNS_DIR;

function git(cwd: string, ...args: string[]): string {
  // safe.directory: the workspaces belong to the sandbox's host uid, not to this (root) process.
  return execFileSync("git", ["-c", "safe.directory=*", "-c", "user.name=Test", "-c", "user.email=test@example.test", "-c", "init.defaultBranch=main", ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", HOME: tmp, GIT_CONFIG_NOSYSTEM: "1" } as Record<string, string> as NodeJS.ProcessEnv,
  }).trim();
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "fleetgate-lifecycle-"));
  chmodSync(tmp, 0o755);
  process.env.RUNS_DIR = path.join(tmp, "runs");
  overrideEnv({}); // env() reads RUNS_DIR again
  remote = path.join(tmp, "remote.git");
  const src = path.join(tmp, "src");
  git(tmp, "init", "--bare", "-q", remote);
  git(tmp, "init", "-q", src);
  writeFileSync(path.join(src, "README.md"), "# demo\n");
  writeFileSync(path.join(src, "keep.txt"), "one\ntwo\nthree\n");
  writeFileSync(path.join(src, "gone.txt"), "bye\n");
  writeFileSync(path.join(src, "old-name.txt"), Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n") + "\n");
  git(src, "add", ".");
  git(src, "commit", "-qm", "first");
  writeFileSync(path.join(src, "keep.txt"), "one\ntwo\nthree\nfour\n");
  git(src, "commit", "-qam", "second");
  mainSha = git(src, "rev-parse", "HEAD");
  git(src, "push", "-q", remote, "main");
  git(src, "checkout", "-qb", "feature");
  writeFileSync(path.join(src, "feature.txt"), "feature\n");
  git(src, "add", ".");
  git(src, "commit", "-qm", "feature");
  featureSha = git(src, "rev-parse", "HEAD");
  git(src, "push", "-q", remote, "feature");
});

afterAll(() => {
  if (savedRunsDir === undefined) delete process.env.RUNS_DIR;
  else process.env.RUNS_DIR = savedRunsDir;
  overrideEnv({});
  rmSync(tmp, { recursive: true, force: true });
});

describe("prepareWorkspace", () => {
  it("clones the remote's default branch shallowly and records the base commit", async () => {
    const ws = await prepareWorkspace({ runId: "run-default", remote });
    expect(ws).toEqual({ dir: path.join(tmp, "runs", "run-default", "workspace"), baseSha: mainSha, branch: "main" });
    expect(workspacePath("run-default")).toBe(ws.dir);
    expect(git(ws.dir, "rev-list", "--count", "HEAD")).toBe("1"); // --depth 1
    expect(readFileSync(path.join(ws.dir, "keep.txt"), "utf8")).toBe("one\ntwo\nthree\nfour\n");
    const owner = sandboxHostIds().uid;
    for (const p of ["", ".git", ".git/index", "keep.txt"]) expect(statSync(path.join(ws.dir, p)).uid).toBe(owner);
  });

  it("clones a named branch from a file:// URL, replacing a leftover workspace", async () => {
    const dir = path.join(tmp, "runs", "run-branch", "workspace");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "leftover.txt"), "stale");
    const ws = await prepareWorkspace({ runId: "run-branch", remote: pathToFileURL(remote).href, branch: "feature" });
    expect(ws).toMatchObject({ baseSha: featureSha, branch: "feature" });
    expect(existsSync(path.join(dir, "leftover.txt"))).toBe(false);
    expect(existsSync(path.join(dir, "feature.txt"))).toBe(true);
  });

  it("refuses unsafe run ids, remotes it cannot use and bad branches", async () => {
    for (const runId of ["../escape", "a/b", ".hidden", "", "x".repeat(200)]) {
      await expect(prepareWorkspace({ runId, remote })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/^runId /) });
    }
    await expect(prepareWorkspace({ runId: "r1", remote: "relative/repo.git" })).rejects.toThrow(/absolute path to a local bare repository or a file:\/\/ URL/);
    await expect(prepareWorkspace({ runId: "r1", remote: "https://github.com/acme/web.git" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(prepareWorkspace({ runId: "r1", remote: path.join(tmp, "missing.git") })).rejects.toThrow(/is not a directory/);
    await expect(prepareWorkspace({ runId: "r1", remote, branch: "--upload-pack=touch /tmp/x" })).rejects.toThrow(/must not start with '-'/);
    await expect(prepareWorkspace({ runId: "r1", remote, branch: "a..b" })).rejects.toThrow(/not a valid branch name/);
    await expect(prepareWorkspace({ runId: "r1", remote, branch: "no-such-branch" })).rejects.toMatchObject({ code: "unavailable" });
    expect(existsSync(path.join(tmp, "runs", "r1", "workspace"))).toBe(false);
  });

  it("explains when the sandbox's host uid could not reach RUNS_DIR", async () => {
    if (!sandboxHostIds().drop) return; // only a root Fleetgate hands workspaces to another uid
    const closed = path.join(tmp, "closed");
    mkdirSync(closed, { mode: 0o700 });
    process.env.RUNS_DIR = path.join(closed, "runs");
    overrideEnv({});
    try {
      await expect(prepareWorkspace({ runId: "run-closed", remote })).rejects.toThrow(/cannot reach .* is not searchable/);
    } finally {
      process.env.RUNS_DIR = path.join(tmp, "runs");
      overrideEnv({});
    }
  });

  it("removeWorkspace deletes the workspace and the emptied run directory", async () => {
    await prepareWorkspace({ runId: "run-remove", remote });
    await removeWorkspace("run-remove");
    expect(existsSync(path.join(tmp, "runs", "run-remove"))).toBe(false);
    await removeWorkspace("run-remove"); // twice is fine
  });
});

describe("workspaceDiff", () => {
  it("reports added, modified, deleted and renamed files with line counts, untracked and binary files included", async () => {
    const ws = await prepareWorkspace({ runId: "run-diff", remote });
    const r = await runInSandbox(ws.dir, {
      argv: ["sh", "-c", "echo five >> keep.txt && rm gone.txt && mv old-name.txt new-name.txt && printf 'a\\nb\\n' > added.txt && printf '\\0\\1\\2' > blob.bin && mkdir -p src && echo x > src/deep.txt"],
    });
    expect(r.exitCode).toBe(0);
    const diff = await workspaceDiff(ws.dir, ws.baseSha);
    expect(diff.files).toEqual([
      { path: "added.txt", status: "added", added: 2, removed: 0, binary: false },
      { path: "blob.bin", status: "added", added: 0, removed: 0, binary: true },
      { path: "gone.txt", status: "deleted", added: 0, removed: 1, binary: false },
      { path: "keep.txt", status: "modified", added: 1, removed: 0, binary: false },
      { path: "new-name.txt", from: "old-name.txt", status: "renamed", added: 0, removed: 0, binary: false },
      { path: "src/deep.txt", status: "added", added: 1, removed: 0, binary: false },
    ]);
    expect(diff.patch).toContain("rename from old-name.txt\nrename to new-name.txt");
    expect(diff.patch).toContain("GIT binary patch");
    // The patch applies to the base commit and reproduces the workspace.
    const check = path.join(tmp, "apply-check");
    git(tmp, "clone", "-q", remote, check);
    writeFileSync(path.join(tmp, "change.patch"), diff.patch);
    git(check, "apply", "--binary", path.join(tmp, "change.patch"));
    expect(readFileSync(path.join(check, "keep.txt"), "utf8")).toBe(readFileSync(path.join(ws.dir, "keep.txt"), "utf8"));
    expect(readFileSync(path.join(check, "blob.bin"))).toEqual(Buffer.from([0, 1, 2]));
    // The workspace's own index is left as the agent had it.
    expect(git(ws.dir, "status", "--porcelain")).toContain("?? added.txt");
  });

  it("is empty for an untouched workspace and refuses a base that is not there", async () => {
    const ws = await prepareWorkspace({ runId: "run-clean", remote });
    expect(await workspaceDiff(ws.dir, ws.baseSha)).toEqual({ patch: "", files: [] });
    await expect(workspaceDiff(ws.dir, "f".repeat(40))).rejects.toThrow(/is not in the workspace/);
    await expect(workspaceDiff(ws.dir, "HEAD")).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("runs nothing a tampered .git asks for, and reports the files' real content", async () => {
    const ws = await prepareWorkspace({ runId: "run-tamper", remote });
    const marker = (n: string) => path.join(tmp, `pwned-${n}`);
    writeFileSync(path.join(tmp, "evil-include"), `[core]\n\tfsmonitor = "touch ${marker("include")}"\n`);
    const config = readFileSync(path.join(ws.dir, ".git", "config"), "utf8");
    writeFileSync(
      path.join(ws.dir, ".git", "config"),
      config +
        `[core]\n\tfsmonitor = "touch ${marker("fsmonitor")}"\n\tpager = "touch ${marker("pager")}"\n\thooksPath = .git/evil-hooks\n` +
        `[diff]\n\texternal = "touch ${marker("external")}"\n[diff "conv"]\n\ttextconv = "touch ${marker("textconv")}; cat"\n` +
        `[filter "hide"]\n\tclean = "touch ${marker("clean")}; echo hidden"\n\tsmudge = cat\n\trequired = true\n` +
        `[include]\n\tpath = ${path.join(tmp, "evil-include")}\n`,
    );
    mkdirSync(path.join(ws.dir, ".git", "evil-hooks"));
    for (const hook of ["pre-commit", "post-index-change", "reference-transaction"]) {
      writeFileSync(path.join(ws.dir, ".git", "evil-hooks", hook), `#!/bin/sh\ntouch ${marker(hook)}\n`, { mode: 0o755 });
    }
    writeFileSync(path.join(ws.dir, ".gitattributes"), "*.txt filter=hide diff=conv\n");
    writeFileSync(path.join(ws.dir, "keep.txt"), "the real content\n");
    const diff = await workspaceDiff(ws.dir, ws.baseSha);
    for (const n of ["include", "fsmonitor", "pager", "external", "textconv", "clean", "pre-commit", "post-index-change", "reference-transaction"]) {
      expect(existsSync(marker(n)), n).toBe(false);
    }
    expect(diff.patch).toContain("+the real content");
    expect(diff.patch).not.toContain("hidden");
    expect(diff.files.map((f) => f.path)).toEqual([".gitattributes", "keep.txt"]);
  });

  it("refuses a workspace whose .git/objects leads out of it", async () => {
    const ws = await prepareWorkspace({ runId: "run-gitlink", remote });
    rmSync(path.join(ws.dir, ".git"), { recursive: true });
    symlinkSync(path.join(tmp, "remote.git"), path.join(ws.dir, ".git"));
    await expect(workspaceDiff(ws.dir, mainSha)).rejects.toThrow(/leaves the workspace/);
  });
});

describe("links to the host", () => {
  it("never leak the target's content: not through the file tools, the diff or the sandbox", async () => {
    const ws = await prepareWorkspace({ runId: "run-links", remote });
    const outside = path.join(tmp, "outside-secret.txt");
    writeFileSync(outside, "OUTSIDE-SECRET-41d7\n");
    symlinkSync("/etc", path.join(ws.dir, "etc-link"));
    symlinkSync("/etc/passwd", path.join(ws.dir, "passwd-link"));
    symlinkSync(outside, path.join(ws.dir, "outside-link"));
    for (const p of ["etc-link/passwd", "etc-link/shadow", "passwd-link", "outside-link"]) {
      await expect(readWorkspaceFile(ws.dir, p)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/escapes the workspace/) });
      await expect(checkExportable(ws.dir, p)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/escapes the workspace/) });
    }
    const diff = await workspaceDiff(ws.dir, ws.baseSha);
    expect(diff.files.map((f) => f.path)).toEqual(["etc-link", "outside-link", "passwd-link"]);
    expect(diff.patch).toMatch(/new file mode 120000[\s\S]*\+\/etc\/passwd/);
    expect(diff.patch).toContain(`+${outside}`);
    expect(diff.patch).not.toContain("OUTSIDE-SECRET-41d7");
    expect(diff.patch).not.toMatch(/root:x:0:0/);
    const hostPasswd = readFileSync("/etc/passwd", "utf8");
    const r = await runInSandbox(ws.dir, { argv: ["sh", "-c", "cat passwd-link; cat etc-link/shadow; cat outside-link"] });
    expect(r.stdout).not.toContain("OUTSIDE-SECRET-41d7");
    expect(r.stdout).not.toBe(hostPasswd);
    expect(r.stdout).toMatch(/^nobody:x:65534/m); // the sandbox's own generated passwd
    expect(r.stderr).toMatch(/etc-link\/shadow: No such file/);
    expect(r.stderr).toMatch(/outside-link: No such file/);
  });
});
