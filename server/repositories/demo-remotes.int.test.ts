// The demo remotes are real git repositories whose projects' tests pass, built the same way on
// every call and every machine, and the demo recipes do what their headers say on the repositories
// they name, offline.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { z } from "zod";
import { db, disconnectDb } from "../db/client";
import { AppError } from "../core/app-error";
import { matchesGlob } from "../policy/glob";
import { ACME_FLEET } from "../../prisma/demo/fleet/fleet";
import { DEMO_PROJECTS_DIR, demoRemoteFor, ensureDemoRemotes } from "./demo-remotes";

const ROOT = path.resolve(import.meta.dirname, "../..");
const RECIPES_DIR = path.join(ROOT, "prisma/demo/recipes");
const SEEDED = [
  "acme/docs-site", "acme/web-frontend", "acme/platform-api", "acme/billing-ledger", "acme/payment-service",
  "globex/handbook", "globex/inventory-service", "globex/data-pipeline", "globex/patient-records", "globex/auth-gateway",
  ...ACME_FLEET.map((r) => `acme/${r.name}`),
];

let tmp: string;
let home: string;
let dirA: string;
let remotes: Map<string, string>;

// Commands run as a sandbox would: an empty environment, a throwaway HOME, and no network where
// the machine lets an unprivileged process drop it.
const offline = spawnSync("unshare", ["-rn", "true"]).status === 0 ? ["unshare", "-rn"] : [];

function run(cwd: string, argv: string[], timeout = 30_000) {
  const r = spawnSync("env", ["-i", "PATH=/usr/bin:/bin", `HOME=${home}`, "GIT_CONFIG_NOSYSTEM=1", "LANG=C", ...argv], { cwd, timeout, encoding: "utf8" });
  return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

function git(cwd: string, ...args: string[]): string {
  const r = run(cwd, ["git", ...args]);
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.output}`);
  return r.output.trim();
}

const mainOf = (remote: string) => git(tmp, "--git-dir", remote, "rev-parse", "refs/heads/main");

let clones = 0;
function freshClone(remote: string): string {
  const dest = path.join(tmp, `clone-${++clones}`);
  git(tmp, "clone", "--quiet", remote, dest);
  return dest;
}

function filesUnder(root: string, prefix = ""): string[] {
  return readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.name === ".git") return [];
    return e.isDirectory() ? filesUnder(root, rel) : [rel];
  }).sort();
}

/** Every file and directory under root with what would show that it was rewritten. */
function snapshot(root: string): string[] {
  return [root, ...filesUnder(root).map((f) => path.join(root, f))].map((p) => {
    const s = lstatSync(p);
    return `${p} ${s.ino} ${s.size} ${s.mtimeMs}`;
  });
}

/** node --test with its TAP summary ("# pass N", "# fail N"), which Node 26 prints only when asked off a terminal. */
function nodeTest(cwd: string, ...files: string[]) {
  return run(cwd, [process.execPath, "--test", "--test-reporter=tap", ...files]);
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "fleetgate-demo-remotes-"));
  home = path.join(tmp, "home");
  mkdirSync(home);
  dirA = path.join(tmp, "a");
  remotes = await ensureDemoRemotes(dirA);
});

afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await disconnectDb();
});

describe("ensureDemoRemotes", () => {
  it("creates a bare remote for every repository the seed creates, at demoRemoteFor's path", async () => {
    const events = await db.auditEvent.findMany({ where: { actorLabel: "seed", action: "repository.create" }, select: { after: true } });
    const seeded = events.map((e) => {
      const after = e.after as { owner: string; name: string };
      return `${after.owner}/${after.name}`;
    });
    expect(seeded).toEqual(expect.arrayContaining(SEEDED));
    expect([...remotes.keys()].sort()).toEqual([...new Set(seeded)].sort());
    for (const [key, remote] of remotes) {
      const [owner, name] = key.split("/") as [string, string];
      expect(remote).toBe(demoRemoteFor(owner, name, dirA));
      expect(path.isAbsolute(remote)).toBe(true);
      expect(git(tmp, "--git-dir", remote, "rev-parse", "--is-bare-repository")).toBe("true");
      expect(git(tmp, "--git-dir", remote, "symbolic-ref", "HEAD")).toBe("refs/heads/main");
    }
  });

  it("clones to exactly the project's files, in one commit by the fixed demo identity", () => {
    for (const [key, remote] of remotes) {
      const clone = freshClone(remote);
      const source = path.join(DEMO_PROJECTS_DIR, key);
      expect(filesUnder(clone), key).toEqual(filesUnder(source));
      for (const f of filesUnder(source)) expect(readFileSync(path.join(clone, f), "utf8"), `${key}: ${f}`).toBe(readFileSync(path.join(source, f), "utf8"));
      expect(git(clone, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
      expect(git(clone, "log", "--format=%an <%ae> %aI | %cn <%ce> %cI | %s")).toBe(
        `Fleetgate Demo <demo@fleetgate.test> 2024-01-15T09:00:00+00:00 | Fleetgate Demo <demo@fleetgate.test> 2024-01-15T09:00:00+00:00 | Initial import of ${key}`,
      );
      expect(new Set(git(clone, "ls-tree", "-r", "HEAD").split("\n").map((l) => l.split(" ")[0]))).toEqual(new Set(["100644"]));
    }
  });

  it("gives the same main commit on a second call and in a fresh directory, and a second call rewrites nothing", async () => {
    const heads = new Map([...remotes].map(([k, r]) => [k, mainOf(r)]));
    const before = snapshot(dirA);
    const again = await ensureDemoRemotes(dirA);
    expect(again).toEqual(remotes);
    expect(snapshot(dirA)).toEqual(before);
    const elsewhere = await ensureDemoRemotes(path.join(tmp, "b"));
    for (const [key, remote] of elsewhere) expect(mainOf(remote), key).toBe(heads.get(key));
  });

  it("leaves other branches on a correct remote alone, and rebuilds a remote whose main moved, is missing or is not a repository", async () => {
    const dir = path.join(tmp, "c");
    const first = await ensureDemoRemotes(dir);
    const expected = mainOf(first.get("acme/docs-site")!);

    // A run pushed a branch: main is still right, so the branch stays.
    const clone = freshClone(first.get("acme/docs-site")!);
    writeFileSync(path.join(clone, "docs/index.md"), "# changed\n");
    git(clone, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-am", "an agent's change");
    git(clone, "push", "--quiet", "origin", "HEAD:refs/heads/agent/run-1");
    await ensureDemoRemotes(dir);
    expect(git(tmp, "--git-dir", first.get("acme/docs-site")!, "branch", "--list", "agent/run-1")).toContain("agent/run-1");

    // Someone moved main: rebuilt from scratch.
    git(clone, "push", "--quiet", "--force", "origin", "HEAD:refs/heads/main");
    rmSync(first.get("globex/handbook")!, { recursive: true });
    rmSync(first.get("globex/auth-gateway")!, { recursive: true });
    mkdirSync(first.get("globex/auth-gateway")!);
    writeFileSync(path.join(first.get("globex/auth-gateway")!, "junk"), "not a repository");
    await ensureDemoRemotes(dir);
    expect(mainOf(first.get("acme/docs-site")!)).toBe(expected);
    expect(git(tmp, "--git-dir", first.get("acme/docs-site")!, "branch", "--list")).toBe("* main");
    for (const key of ["globex/handbook", "globex/auth-gateway"]) expect(mainOf(first.get(key)!)).toBe(mainOf(remotes.get(key)!));
    expect(readdirSync(path.join(dir, "globex")).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("runs every project's node --test suite green in a fresh clone", () => {
    for (const [key, remote] of remotes) {
      const clone = freshClone(remote);
      expect(JSON.parse(readFileSync(path.join(clone, "package.json"), "utf8")).scripts.test, key).toBe("node --test");
      const r = nodeTest(clone);
      expect(r.status, `${key}\n${r.output}`).toBe(0);
      expect(r.output, key).toMatch(/# fail 0/);
    }
  });
});

describe("demoRemoteFor", () => {
  it("names the path without creating anything, and refuses names that would leave the directory", () => {
    const dir = path.join(tmp, "d");
    expect(demoRemoteFor("acme", "docs-site", dir)).toBe(path.join(dir, "acme", "docs-site.git"));
    expect(existsSync(dir)).toBe(false);
    for (const [owner, name] of [["..", "x"], ["acme", "../globex"], ["acme", "a/b"], ["", "x"]] as const) {
      expect(() => demoRemoteFor(owner, name, dir)).toThrow(AppError);
    }
  });
});

// The recipe format the run pipeline's parser reads; the header comment says where a recipe applies.
const Recipe = z.object({
  apiVersion: z.literal("fleetgate/v1"),
  kind: z.literal("Recipe"),
  metadata: z.object({ name: z.string().regex(/^[a-z0-9-]+$/), description: z.string().min(1) }).strict(),
  steps: z.array(z.union([
    z.object({ run: z.string().min(1).refine((s) => !s.includes("\n"), "one command line") }).strict(),
    z.object({ replace: z.object({ files: z.string(), pattern: z.string().min(1), with: z.string(), regex: z.boolean().optional() }).strict() }).strict(),
    z.object({ write: z.object({ path: z.string().min(1), content: z.string() }).strict() }).strict(),
  ])).min(1),
}).strict();
type Step = z.infer<typeof Recipe>["steps"][number];

function header(text: string, key: string): string {
  const m = new RegExp(`^# ${key}: (.+)$`, "m").exec(text);
  if (!m) throw new Error(`no "# ${key}:" line`);
  return m[1]!.trim();
}

const recipes = readdirSync(RECIPES_DIR).filter((f) => f.endsWith(".yaml")).sort().map((file) => {
  const text = readFileSync(path.join(RECIPES_DIR, file), "utf8");
  return { file, text, doc: YAML.parse(text) as unknown };
});

function applyStep(clone: string, step: Step): void {
  if ("run" in step) {
    const r = run(clone, [...offline, "sh", "-c", step.run]);
    expect(r.status, `${step.run}\n${r.output}`).toBe(0);
  } else if ("replace" in step) {
    const { files, pattern, with: replacement, regex } = step.replace;
    for (const f of filesUnder(clone).filter((p) => matchesGlob(p, files))) {
      const text = readFileSync(path.join(clone, f), "utf8");
      writeFileSync(path.join(clone, f), regex ? text.replace(new RegExp(pattern, "g"), replacement) : text.split(pattern).join(replacement));
    }
  } else {
    mkdirSync(path.dirname(path.join(clone, step.write.path)), { recursive: true });
    writeFileSync(path.join(clone, step.write.path), step.write.content);
  }
}

describe("demo recipes", () => {
  const forbidden = (YAML.parse(readFileSync(path.join(ROOT, "policies/platform/change-governance.yaml"), "utf8")) as { governance: { forbidden_paths: string[] } }).governance.forbidden_paths;

  it("are valid recipes with a header naming demo repositories and a task class, covering the demo's classes", () => {
    expect(recipes.length).toBeGreaterThanOrEqual(3);
    const names = new Set<string>();
    for (const { file, text, doc } of recipes) {
      const parsed = Recipe.safeParse(doc);
      expect(parsed.error?.issues, file).toBeUndefined();
      expect(`${parsed.data!.metadata.name}.yaml`).toBe(file);
      names.add(parsed.data!.metadata.name);
      for (const repo of header(text, "repositories").split(/,\s*/)) expect(SEEDED, `${file}: ${repo}`).toContain(repo);
    }
    expect(names.size).toBe(recipes.length);
    expect(new Set(recipes.map((r) => header(r.text, "task-class")))).toEqual(
      new Set(["dependency_patch_minor", "config_migration", "test_generation", "ci_workflow_change"]),
    );
  });

  for (const { file, text, doc } of recipes) {
    it(`${file}: every step succeeds offline on each repository it names, changes something, and the tests still pass`, () => {
      const recipe = Recipe.parse(doc);
      const taskClass = header(text, "task-class");
      for (const repo of header(text, "repositories").split(/,\s*/)) {
        const clone = freshClone(remotes.get(repo)!);
        for (const step of recipe.steps) applyStep(clone, step);
        git(clone, "add", "--all");
        const changed = git(clone, "-c", "core.quotepath=off", "diff", "--cached", "--name-only").split("\n").filter(Boolean);
        expect(changed.length, `${file} changed nothing in ${repo}`).toBeGreaterThan(0);
        const touchesForbidden = changed.filter((p) => forbidden.some((g) => matchesGlob(p, g)));
        // Only the CI recipe reaches a forbidden path: one the platform lifts for ci_workflow_change once approved.
        expect(touchesForbidden, `${file} on ${repo}`).toEqual(taskClass === "ci_workflow_change" ? changed : []);
        const r = nodeTest(clone);
        expect(r.status, `${file} on ${repo}\n${r.output}`).toBe(0);
        if (taskClass === "config_migration") expect(run(clone, ["grep", "-rn", "timeoutMs", "config"]).status, repo).toBe(1);
        const deps = () => JSON.parse(readFileSync(path.join(clone, "package.json"), "utf8")).dependencies;
        if (file === "bump-semver-minor.yaml") expect(deps().semver).toBe("7.6.3");
        if (file === "raise-pino.yaml") expect(deps().pino).toBe("8.17.2");
        if (taskClass === "test_generation") {
          expect(changed.every((p) => p.startsWith("test/"))).toBe(true);
          for (const p of changed) {
            const alone = nodeTest(clone, p);
            expect(alone.status, `${p}\n${alone.output}`).toBe(0);
            expect(alone.output, p).toMatch(/# pass [1-9]/);
          }
        }
      }
    });
  }
});
