// git run on the host over a workspace that an agent may have tampered with. Nothing the repository
// or the host user configures may start a program: no system or global config, no hooks, no
// fsmonitor, no pager, editor, askpass, ssh or proxy command, no external diff, no credential
// helper, and only the file transport. No GIT_* variable of this process is inherited.
import { execFile } from "node:child_process";
import { AppError } from "../core/app-error";
import { GIT_PATH } from "./sandbox-host";

const HARDENING: string[] = [
  "core.hooksPath=/dev/null",
  "core.fsmonitor=false",
  "core.untrackedCache=false",
  "core.pager=cat",
  "core.editor=false",
  "core.askPass=",
  "core.sshCommand=false",
  "core.gitProxy=",
  "core.attributesFile=/dev/null",
  "core.symlinks=true",
  "diff.external=",
  "credential.helper=",
  "protocol.allow=never",
  "protocol.file.allow=always",
  "submodule.recurse=false",
  "gc.auto=0",
  "maintenance.auto=false",
].flatMap((kv) => ["-c", kv]);

export type HostGitOptions = {
  cwd: string;
  /** Extra variables (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE); the rest of the environment is fixed. */
  env?: Record<string, string>;
  timeoutMs?: number;
  maxBytes?: number;
};

export type HostGitResult = { stdout: string; stderr: string };

export class GitFailed extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly reason: "exit" | "timeout" | "too_large",
  ) {
    super(`git ${args[0] ?? ""} failed: ${stderr.trim().split("\n").slice(-3).join(" / ") || reason}`);
    this.name = "GitFailed";
  }
}

export function hostGit(args: string[], opts: HostGitOptions): Promise<HostGitResult> {
  const env: Record<string, string> = {
    PATH: "/usr/bin:/bin",
    HOME: "/nonexistent",
    LANG: "C.UTF-8",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ATTR_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_PROTOCOL_FROM_USER: "0",
    GIT_OPTIONAL_LOCKS: "0",
    ...opts.env,
  };
  return new Promise((resolve, reject) => {
    execFile(
      GIT_PATH,
      [...HARDENING, ...args],
      { cwd: opts.cwd, env: env as NodeJS.ProcessEnv, timeout: opts.timeoutMs ?? 120_000, killSignal: "SIGKILL", maxBuffer: opts.maxBytes ?? 64 * 1024 ** 2, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
        if (e.code === "ENOENT") {
          return reject(new AppError("unavailable", `git is missing at ${GIT_PATH} (install the Debian package "git")`));
        }
        const reason = e.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER" ? "too_large" : e.killed ? "timeout" : "exit";
        reject(new GitFailed(args, String(stderr ?? ""), reason));
      },
    );
  });
}
