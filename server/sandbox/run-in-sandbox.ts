// Runs one command in a workspace under bubblewrap: a network namespace of its own, connected to the
// outside only as granted (egress-rules.ts; never to the host's loopback), nothing of the host
// but read-only /usr and a few harmless /etc files, no host environment, uid 65534, bounded time,
// CPU, memory, processes and output. A command that fails is a result, never an exception; only
// bad input (or a host that cannot sandbox at all) throws.
import { lstat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Writable } from "node:stream";
import { z } from "zod";
import { AppError } from "../core/app-error";
import { bwrapPlan, FIXED_ENV, SANDBOX_WORKSPACE, type BwrapPlan } from "./bwrap-args";
import { trustedEgressAddresses } from "./egress-config";
import { startEgressProxy } from "./egress-proxy";
import { assertSandboxAvailable, BWRAP_PATH, sandboxHostIds } from "./sandbox-host";
import { connectSandboxNetwork, sandboxNetworkAvailability, type SandboxNetwork } from "./sandbox-network";
import { attributeLimit, decodeExit, resolveLimits } from "./sandbox-limits";
import { spawnSandbox, type FdSpec, type Output } from "./spawner";
import type { SandboxCommand, SandboxLimits, SandboxResult } from "./types";
import { assertReachable } from "./workspace-owner";

export { DEFAULT_LIMITS } from "./sandbox-limits";

const noNul = (what: string) => z.string().refine((s) => !s.includes("\0"), `${what} must not contain NUL`);

const ZCommand = z.object({
  argv: z.array(noNul("an argument")).min(1, "argv must name a program").max(4096)
    .refine((a) => a[0] !== "", "argv[0] must not be empty"),
  cwd: noNul("cwd").optional(),
  env: z.record(z.string(), noNul("an environment value")).optional()
    .superRefine((env, ctx) => {
      for (const name of Object.keys(env ?? {})) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "names are letters, digits and '_', not starting with a digit" });
        else if (name in FIXED_ENV || name === "PWD") ctx.addIssue({ code: "custom", path: [name], message: "PATH, HOME, LANG and PWD are fixed by the sandbox" });
      }
    }),
  network: z.union([
    z.null(),
    z.object({ mode: z.literal("open") }),
    z.object({
      mode: z.literal("proxy"), profile: z.enum(["package_registries", "allowlist"]),
      hosts: z.array(z.object({ host: z.string().min(1), wildcard: z.boolean(), ports: z.array(z.int().min(1).max(65535)).min(1) })),
    }),
  ]).optional(),
  limits: z.record(z.string(), z.unknown()).optional(),
  stdin: z.string().optional(),
  readOnlyWorkspace: z.boolean().optional(),
});

function parseCommand(cmd: SandboxCommand): void {
  const parsed = ZCommand.safeParse(cmd);
  if (parsed.success) return;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new AppError("validation_failed", `invalid sandbox command: ${issues.map((i) => `${i.path || "command"}: ${i.message}`).join("; ")}`, { issues });
}

/** The working directory inside the sandbox; a cwd leaving the workspace is refused. */
export function sandboxCwd(cwd: string | undefined): string {
  if (!cwd || cwd === ".") return SANDBOX_WORKSPACE;
  const normal = path.posix.normalize(cwd).replace(/\/+$/, "");
  if (path.posix.isAbsolute(cwd) || normal === ".." || normal.startsWith("../")) {
    throw new AppError("validation_failed", `cwd "${cwd}" escapes the workspace: give a path relative to the workspace root`, {
      issues: [{ path: "cwd", message: "escapes the workspace" }],
    });
  }
  // A symlinked cwd can only lead to what the sandbox itself can see, so it is not resolved here.
  return normal === "." || normal === "" ? SANDBOX_WORKSPACE : `${SANDBOX_WORKSPACE}/${normal}`;
}

const reachable = new Set<string>();

/**
 * Host-side checks for what bubblewrap would otherwise report as its own failure (indistinguishable
 * from the command's exit 1): the workspace exists and the sandbox's host uid can reach it, and
 * the cwd exists. A cwd that is a link is left for the sandbox to resolve.
 */
async function checkWorkspace(dir: string, cwd: string): Promise<string> {
  const abs = path.resolve(dir);
  const st = await lstat(abs).catch(() => null);
  if (!st?.isDirectory()) throw new AppError("validation_failed", `workspace ${abs} is not a directory`);
  if (!reachable.has(abs)) {
    await assertReachable(abs);
    reachable.add(abs);
  }
  if (cwd !== SANDBOX_WORKSPACE && !(await lstat(path.join(abs, cwd.slice(SANDBOX_WORKSPACE.length + 1))).catch(() => null))) {
    throw new AppError("validation_failed", `cwd "${cwd.slice(SANDBOX_WORKSPACE.length + 1)}" does not exist in the workspace`, {
      issues: [{ path: "cwd", message: "does not exist" }],
    });
  }
  return abs;
}

export async function runInSandbox(workspaceDir: string, cmd: SandboxCommand): Promise<SandboxResult> {
  parseCommand(cmd);
  const limits = resolveLimits(cmd.limits);
  const cwd = sandboxCwd(cmd.cwd);
  const dir = await checkWorkspace(workspaceDir, cwd);
  assertSandboxAvailable();
  const grant = cmd.network ?? null;
  if (grant) {
    // Fail closed: without its helpers the command does not run at all, never on the host's network.
    const can = sandboxNetworkAvailability(grant.mode);
    if (!can.available) throw new AppError("unavailable", can.reason);
  }
  const proxy = grant?.mode === "proxy" ? await startEgressProxy(grant, trustedEgressAddresses()) : null;
  try {
    const network = grant?.mode === "proxy" ? { mode: "proxy" as const, socketPath: proxy!.socketPath } : grant;
    const result = await sandboxed(cmd, limits, bwrapPlan({ workspaceDir: dir, cwd, env: cmd.env ?? {}, network, limits, argv: cmd.argv, readOnly: cmd.readOnlyWorkspace === true }));
    return proxy ? { ...result, egress: proxy.attempts() } : result;
  } finally {
    await proxy?.close();
  }
}

async function sandboxed(cmd: SandboxCommand, limits: SandboxLimits, plan: BwrapPlan): Promise<SandboxResult> {
  const ids = sandboxHostIds();
  const stdio: FdSpec[] = [
    cmd.stdin === undefined ? "ignore" : { in: Buffer.from(cmd.stdin) }, "out", "out",
    ...plan.fdData.map((data) => ({ in: data })),
    ...(plan.control ? (["out", { in: null }] as const) : []),
  ];

  const started = performance.now();
  // Its pid namespace (and every process the command started) dies with bubblewrap through
  // --die-with-parent; bubblewrap needs no environment (the command's own is set with --setenv).
  const child = spawnSandbox({ file: BWRAP_PATH, args: plan.argv, stdio, ...(ids.drop ? { uid: ids.uid, gid: ids.gid } : {}) });
  const [outPipe, errPipe] = [child.stdio[1] as Output, child.stdio[2] as Output];

  return await new Promise<SandboxResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    let killedFor: "wall" | "output" | "aborted" | "network" | null = null;
    let exited = false;
    let net: SandboxNetwork | undefined;
    let netError: Error | undefined;

    const kill = (why: "wall" | "output" | "aborted" | "network") => {
      killedFor ??= why;
      if (!exited) child.kill();
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (killedFor) return;
      const room = limits.outputBytes - kept;
      if (chunk.length > room) {
        into.push(chunk.subarray(0, room));
        kept = limits.outputBytes;
        truncated = true;
        kill("output");
        return;
      }
      into.push(chunk);
      kept += chunk.length;
    };
    outPipe.on("data", collect(out));
    errPipe.on("data", collect(err));
    if (plan.control) {
      const info = child.stdio[plan.control.infoFd] as Output;
      const block = child.stdio[plan.control.blockFd] as Writable;
      block.on("error", () => {});
      net = connectSandboxNetwork(info, block, plan.control.blockFd);
      net.ready.catch((e: Error) => {
        netError = e;
        kill("network");
      });
    }

    const timer = setTimeout(() => kill("wall"), limits.wallMs);
    const onAbort = () => kill("aborted");
    if (cmd.signal?.aborted) onAbort();
    else cmd.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("exit", () => {
      exited = true;
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      void net?.stop();
      reject(new AppError("unavailable", `the run sandbox failed: ${e.message}`));
    });
    child.on("close", async (code, signal) => {
      clearTimeout(timer);
      cmd.signal?.removeEventListener("abort", onAbort);
      exited = true;
      const durationMs = performance.now() - started;
      await net?.stop();
      // The command never ran (it is released only once the network is up): ours, not the command's.
      if (killedFor === "network") {
        const bwrapSaid = Buffer.concat(err).toString("utf8").trim();
        return reject(new AppError("unavailable", `the sandbox's network could not be set up: ${netError?.message ?? "unknown error"}${bwrapSaid ? ` (bubblewrap: ${bwrapSaid.slice(-500)})` : ""}`));
      }
      const decoded = decodeExit(code, signal);
      // Cancelled is not a limit: the result says so in words, and the caller knows its signal.
      const stderr = Buffer.concat(err).toString("utf8") + (killedFor === "aborted" ? "\n[sandbox: stopped because the run was cancelled]\n" : "");
      resolve({
        ...decoded,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr,
        truncated,
        limit: killedFor === "aborted" ? null : attributeLimit({ killedFor: killedFor as "wall" | "output" | null, ...decoded, stderr, durationMs }, limits),
        durationMs,
      });
    });
  });
}
