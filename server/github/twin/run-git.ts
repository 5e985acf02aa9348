// The system's git with an environment built from nothing, so the host's config, hooks and GIT_*
// variables play no part in what the twin's repositories hold.
import { spawn } from "node:child_process";

export const GIT_PATH = "/usr/local/bin:/usr/bin:/bin";
export const ZERO_SHA = "0000000000000000000000000000000000000000";

// Built from nothing on purpose: the cast only satisfies the project's ProcessEnv augmentation.
export const gitEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
  ({ PATH: GIT_PATH, HOME: "/nonexistent", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LANG: "C", ...extra }) as unknown as NodeJS.ProcessEnv;

export type GitResult = { code: number; stdout: string; stderr: string };

export function runGit(args: string[], options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: options.cwd, env: gitEnv(options.env), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
    // git may exit without reading its input (rev-parse, merge-tree): not an error of ours.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** runGit that throws with git's own message on a non-zero exit. */
export async function git(args: string[], options: Parameters<typeof runGit>[1] = {}): Promise<string> {
  const r = await runGit(args, options);
  if (r.code !== 0) throw new Error(`git ${args[0]} failed (${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout.trim();
}
