// The demo repositories' fixed first commits: one local bare git repository per project folder in
// prisma/demo/repos/<owner>/<name>, whose `main` is a single commit of that folder. The commit is built
// from fixed identities, dates and file modes, so its SHA is the same on every machine and runs, diffs
// and audit records that name it stay comparable. With a GitHub twin the seed pushes these commits to
// the twin's repositories (prisma/demo/github/seed-demo-github.ts); without one (the integration tier,
// the bench, a seed run on its own) these bare repositories are the demo repositories' remotes.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { env } from "../env";
import { AppError } from "../core/app-error";
import { inPool } from "../core/in-pool";

export const DEMO_PROJECTS_DIR = fileURLToPath(new URL("../../prisma/demo/repos", import.meta.url));

const AUTHOR = "Fleetgate Demo <demo@fleetgate.test>";
// 2024-01-15T09:00:00Z: any fixed instant will do; it only has to never change.
const EPOCH_SECONDS = 1705309200;
// Changing the message, author or date changes every demo SHA: do it only on purpose.
const commitMessage = (owner: string, name: string) => `Initial import of ${owner}/${name}\n`;

// Owner and name become directory names: nothing that could climb out of the remotes directory.
const Segment = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "must be letters, digits, '.', '_' or '-'").refine((s) => !s.includes(".."), "must not contain '..'");

// The system's git, not whatever a developer's PATH puts first; the rest of the environment is
// built from nothing so the host's git config, hooks, templates and GIT_* variables play no part.
const GIT_PATH = "/usr/local/bin:/usr/bin:/bin:/opt/homebrew/bin";

type DemoFile = { path: string; content: Buffer };

/** Where the remote of owner/name lives (or would live); creates nothing. */
export function demoRemoteFor(owner: string, name: string, dir: string = env().DEMO_REPOS_DIR): string {
  const o = Segment.safeParse(owner);
  const n = Segment.safeParse(name);
  if (!o.success || !n.success) throw new AppError("bad_request", `not a demo repository name: ${JSON.stringify(`${owner}/${name}`)}`);
  return path.join(path.resolve(dir), o.data, `${n.data}.git`);
}

/**
 * Makes sure every demo project has its bare repository under `dir`, with `main` at the project's
 * expected commit. A remote already there is left alone (other branches pushed to it survive); a
 * missing, broken or different one is rebuilt. Answers "owner/name" -> absolute path.
 */
export async function ensureDemoRemotes(dir: string = env().DEMO_REPOS_DIR): Promise<Map<string, string>> {
  const projects = await listDemoProjects();
  const remotes = new Map<string, string>();
  const home = await mkdtemp(path.join(os.tmpdir(), "fleetgate-git-home-"));
  try {
    const git = gitRunner(home);
    await git(["--version"]);
    // A few at once: each is a handful of short git processes, and there are a few dozen projects.
    await inPool(projects, 4, async ({ owner, name }) => {
      const files = await readProjectFiles(path.join(DEMO_PROJECTS_DIR, owner, name));
      const expected = commitId(files, commitMessage(owner, name));
      const target = demoRemoteFor(owner, name, dir);
      if ((await mainHead(git, target)) !== expected) await buildRemote(git, target, owner, name, files, expected);
    });
    for (const { owner, name } of projects) remotes.set(`${owner}/${name}`, demoRemoteFor(owner, name, dir));
  } finally {
    await rm(home, { recursive: true, force: true });
  }
  return remotes;
}

async function listDemoProjects(): Promise<{ owner: string; name: string }[]> {
  const out: { owner: string; name: string }[] = [];
  for (const owner of await sortedDirs(DEMO_PROJECTS_DIR)) {
    for (const name of await sortedDirs(path.join(DEMO_PROJECTS_DIR, owner))) out.push({ owner, name });
  }
  return out;
}

async function sortedDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

// Every file is committed as a regular non-executable file with LF line endings, whatever the
// checkout of this repository did to modes and line endings.
async function readProjectFiles(root: string, prefix = ""): Promise<DemoFile[]> {
  const files: DemoFile[] = [];
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name === "node_modules" || entry.name === ".DS_Store") continue;
    // fast-import takes paths unquoted; keep them plain rather than quote them.
    if (!/^[A-Za-z0-9._@+-]+$/.test(entry.name)) throw new AppError("internal", `demo project file ${root}/${rel}: use letters, digits and . _ @ + - in names`);
    if (entry.isDirectory()) files.push(...(await readProjectFiles(root, rel)));
    else if (entry.isFile()) {
      const raw = await readFile(path.join(root, rel));
      files.push({ path: rel, content: raw.includes(0) ? raw : Buffer.from(raw.toString("utf8").replace(/\r\n/g, "\n"), "utf8") });
    }
  }
  return files;
}

// Git's object ids computed here, so an existing remote can be checked without writing to it.
function objectId(type: "blob" | "tree" | "commit", body: Buffer): string {
  return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
}

function treeId(files: DemoFile[]): string {
  const blobs = new Map<string, string>();
  const subdirs = new Map<string, DemoFile[]>();
  for (const f of files) {
    const slash = f.path.indexOf("/");
    if (slash < 0) blobs.set(f.path, objectId("blob", f.content));
    else {
      const head = f.path.slice(0, slash);
      subdirs.set(head, [...(subdirs.get(head) ?? []), { path: f.path.slice(slash + 1), content: f.content }]);
    }
  }
  const entries = [
    ...[...blobs].map(([name, id]) => ({ name, mode: "100644", id, sortKey: name })),
    ...[...subdirs].map(([name, sub]) => ({ name, mode: "40000", id: treeId(sub), sortKey: `${name}/` })),
  ];
  // Git orders entries bytewise, comparing a directory as if its name ended in "/".
  entries.sort((a, b) => Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)));
  return objectId("tree", Buffer.concat(entries.map((e) => Buffer.concat([Buffer.from(`${e.mode} ${e.name}\0`), Buffer.from(e.id, "hex")]))));
}

function commitId(files: DemoFile[], message: string): string {
  const stamp = `${AUTHOR} ${EPOCH_SECONDS} +0000`;
  return objectId("commit", Buffer.from(`tree ${treeId(files)}\nauthor ${stamp}\ncommitter ${stamp}\n\n${message}`));
}

type Git = (args: string[], input?: Buffer) => Promise<{ code: number; stdout: string; stderr: string }>;

function gitRunner(home: string): Git {
  const childEnv: Record<string, string> = {
    PATH: GIT_PATH,
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "Fleetgate Demo",
    GIT_AUTHOR_EMAIL: "demo@fleetgate.test",
    GIT_AUTHOR_DATE: `${EPOCH_SECONDS} +0000`,
    GIT_COMMITTER_NAME: "Fleetgate Demo",
    GIT_COMMITTER_EMAIL: "demo@fleetgate.test",
    GIT_COMMITTER_DATE: `${EPOCH_SECONDS} +0000`,
    LANG: "C",
    LC_ALL: "C",
    TZ: "UTC",
  };
  return (args, input) =>
    new Promise((resolve, reject) => {
      const child = spawn("git", args, { env: childEnv as NodeJS.ProcessEnv, cwd: home, stdio: ["pipe", "pipe", "pipe"], timeout: 60_000 });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (c: Buffer) => out.push(c));
      child.stderr.on("data", (c: Buffer) => err.push(c));
      child.on("error", (e: NodeJS.ErrnoException) => {
        reject(e.code === "ENOENT" ? new AppError("unavailable", `git is not installed (looked in ${GIT_PATH}); it is needed to create the demo repositories' remotes`) : e);
      });
      child.on("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
      child.stdin.on("error", () => undefined); // git exiting early closes stdin; its exit code says why
      child.stdin.end(input);
    });
}

async function mainHead(git: Git, gitDir: string): Promise<string | null> {
  // An explicit --git-dir: a missing remote inside some other repository must not find that one.
  const r = await git(["--git-dir", gitDir, "rev-parse", "--verify", "--quiet", "refs/heads/main^{commit}"]);
  return r.code === 0 ? r.stdout.trim() : null;
}

async function checked(git: Git, args: string[], input?: Buffer): Promise<string> {
  const r = await git(args, input);
  if (r.code !== 0) throw new AppError("internal", `git ${args.join(" ")} failed (exit ${r.code}): ${r.stderr.trim()}`);
  return r.stdout;
}

// Built beside the target and renamed into place, so nobody ever clones a half-written remote.
async function buildRemote(git: Git, target: string, owner: string, name: string, files: DemoFile[], expected: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.tmp-${randomBytes(6).toString("hex")}`;
  try {
    // An empty template: no sample hooks or excludes from the host's git installation.
    await checked(git, ["init", "--quiet", "--bare", "--template=", "--initial-branch=main", temp]);
    await checked(git, ["--git-dir", temp, "fast-import", "--quiet", "--done"], fastImportStream(files, commitMessage(owner, name)));
    const head = await mainHead(git, temp);
    if (head !== expected) throw new AppError("internal", `demo remote ${owner}/${name}: git made ${head}, expected ${expected}`);
    await rm(target, { recursive: true, force: true });
    await rename(temp, target).catch(async (e: NodeJS.ErrnoException) => {
      // Another process created it in the meantime; theirs is as good as ours if it has the same head.
      if ((e.code !== "ENOTEMPTY" && e.code !== "EEXIST") || (await mainHead(git, target)) !== expected) throw e;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

function fastImportStream(files: DemoFile[], message: string): Buffer {
  const stamp = `${AUTHOR} ${EPOCH_SECONDS} +0000`;
  const msg = Buffer.from(message);
  const parts: Buffer[] = [Buffer.from(`commit refs/heads/main\nauthor ${stamp}\ncommitter ${stamp}\ndata ${msg.length}\n`), msg, Buffer.from("\n")];
  for (const f of files) {
    parts.push(Buffer.from(`M 100644 inline ${f.path}\ndata ${f.content.length}\n`), f.content, Buffer.from("\n"));
  }
  parts.push(Buffer.from("\ndone\n"));
  return Buffer.concat(parts);
}
