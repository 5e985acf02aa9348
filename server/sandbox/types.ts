import type { EgressAttempt } from "./egress-proxy";
import type { NetworkGrant } from "../policy/egress-rules";

// The contract between the run pipeline and the sandbox. A workspace is a directory on the host
// holding one run's checkout; commands run inside it under bubblewrap, file tools read and write
// it from the host with every path confined to it (no "..", no symlink leaving it).

export type SandboxLimits = {
  /** Wall time before the whole process group is killed. */
  wallMs: number;
  cpuSeconds: number;
  /** Address-space ceiling per process. */
  memoryBytes: number;
  processes: number;
  /** stdout + stderr kept; past it the command is killed and the result marked truncated. */
  outputBytes: number;
};

export type SandboxCommand = {
  argv: string[];
  /** Relative to the workspace root. */
  cwd?: string;
  /** The only environment the command sees (plus a fixed PATH, HOME and LANG). */
  env?: Record<string, string>;
  /** None unless the policy's egress profile and an approval allow it (egress-config.ts networkGrant). */
  network?: NetworkGrant | null;
  limits?: Partial<SandboxLimits>;
  stdin?: string;
  /** Aborting kills the command at once (a cancel or a kill switch stopping the run). */
  signal?: AbortSignal;
  /** The workspace is bound read-only (a detection step looks, never changes); /tmp stays writable. */
  readOnlyWorkspace?: boolean;
};

export type SandboxResult = {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  /** Which limit stopped the command, if one did. */
  limit: "wall" | "cpu" | "memory" | "processes" | "output" | null;
  durationMs: number;
  /** With a host-limited grant: the destinations the command asked the egress proxy for. */
  egress?: EgressAttempt[];
};

/** from: a renamed file's old path (the file is gone from there: a boundary check reads both). */
export type ChangedFile = { path: string; from?: string; status: "added" | "modified" | "deleted" | "renamed"; added: number; removed: number; binary: boolean };
export type WorkspaceDiff = { patch: string; files: ChangedFile[] };

/**
 * One check a verifier profile runs in the sandbox, without network: argv as it is (no shell),
 * stopped after timeoutSeconds. Its name is what policies require.
 */
export type VerifierStep = { name: string; argv: string[]; timeoutSeconds: number };

/** The profile a run was admitted with: its name and its steps as they were then. */
export type VerifierSnapshot = { profile: string; steps: VerifierStep[] };

export type VerifierResult = {
  name: string;
  argv: string[];
  exitCode: number | null;
  passed: boolean;
  durationMs: number;
  /** stdout then stderr, redacted and cut to its last 16 KiB. */
  output: string;
  /** What the redaction removed, by kind. */
  redactions: Record<string, number>;
  limit: SandboxResult["limit"];
  /** The step's time limit (wall clock); limit "wall" means it ran out. */
  timeoutSeconds: number;
};

export type VerifierRun = { profile: string; passed: boolean; results: VerifierResult[] };
