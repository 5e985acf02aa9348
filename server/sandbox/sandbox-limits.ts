// The resource limits of one sandboxed command: defaults, validation, how they are applied
// (prlimit inside the sandbox) and how a result is attributed to the limit that stopped it.
import { availableParallelism, constants } from "node:os";
import { z } from "zod";
import { AppError } from "../core/app-error";
import { PRLIMIT_PATH } from "./sandbox-host";
import type { SandboxLimits, SandboxResult } from "./types";

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  wallMs: 60_000,
  cpuSeconds: 60,
  memoryBytes: 1024 ** 3,
  processes: 256,
  outputBytes: 1024 ** 2,
});

const MiB = 1024 ** 2;

// Floors below which ordinary tools stop working rather than being contained: node needs about
// 600 MiB of address space to start, and RLIMIT_NPROC counts threads (node starts ~10).
const ZLimits = z
  .object({
    wallMs: z.number().int().min(100).max(24 * 3_600_000),
    cpuSeconds: z.number().int().min(1).max(24 * 3600),
    memoryBytes: z.number().int().min(64 * MiB).max(1024 ** 4),
    processes: z.number().int().min(2).max(100_000),
    outputBytes: z.number().int().min(1024).max(256 * MiB),
  })
  .partial()
  .strict();

export function resolveLimits(partial: Partial<SandboxLimits> | undefined): SandboxLimits {
  const parsed = ZLimits.safeParse(partial ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: `limits.${i.path.join(".")}`, message: i.message }));
    throw new AppError("validation_failed", `invalid sandbox limits: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues });
  }
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_LIMITS, ...defined };
}

/**
 * The prlimit prefix run inside the sandbox. Hard limits cannot be raised again without
 * CAP_SYS_RESOURCE in the initial namespace, which the sandbox never has. CPU gets SIGXCPU at
 * the soft limit and SIGKILL one second later (for programs that catch SIGXCPU). No core files:
 * one would land in the workspace and the diff.
 */
export function prlimitArgv(limits: SandboxLimits): string[] {
  return [
    PRLIMIT_PATH,
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--as=${limits.memoryBytes}`,
    `--nproc=${limits.processes}`,
    "--core=0",
    "--",
  ];
}

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, n]) => [n, name]));

/**
 * bubblewrap exits with 128+n when the command died of signal n (as shells do), so such a code
 * is read as that signal; a command that itself exits 129..159 is reported as signalled.
 */
export function decodeExit(code: number | null, signal: NodeJS.Signals | null): { exitCode: number | null; signal: string | null } {
  if (signal) return { exitCode: null, signal };
  if (code !== null && code > 128 && SIGNAL_NAMES.has(code - 128)) return { exitCode: null, signal: SIGNAL_NAMES.get(code - 128)! };
  return { exitCode: code, signal: null };
}

const FORK_FAILURE = /fork: (retry: )?Resource temporarily unavailable|Cannot fork|can't fork|spawn(Sync)? \S* ?EAGAIN|pthread_create|uv_thread_create/i;
const MEMORY_FAILURE =
  /Cannot allocate memory|std::bad_alloc|out of memory|Array buffer allocation failed|Failed to reserve virtual memory|MemoryError|memory exhausted|\bENOMEM\b/i;

export type Outcome = {
  killedFor: "wall" | "output" | null;
  exitCode: number | null;
  signal: string | null;
  stderr: string;
  durationMs: number;
};

/** Best effort: names the limit when the evidence is clear, else null. */
export function attributeLimit(o: Outcome, limits: SandboxLimits): SandboxResult["limit"] {
  if (o.killedFor) return o.killedFor;
  if (o.signal === "SIGXCPU") return "cpu";
  // Nothing else in the sandbox sends SIGKILL on its own but the CPU hard limit; threads can
  // spend CPU faster than wall time passes, hence the division by cores.
  if (o.signal === "SIGKILL" && o.durationMs >= (limits.cpuSeconds * 1000) / availableParallelism()) return "cpu";
  if (o.exitCode === 0) return null;
  const tail = o.stderr.slice(-65_536);
  if (FORK_FAILURE.test(tail)) return "processes";
  if (MEMORY_FAILURE.test(tail)) return "memory";
  return null;
}
