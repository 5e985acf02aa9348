// Runs the steps of the verifier profile a run was admitted with, one after another, in the
// workspace's sandbox (no network), and reports each; every step runs even after one fails, so the
// report is complete. Output is redacted before it leaves this function, since it is stored and shown.
import { availableParallelism } from "node:os";
import { redactString, type RedactionCounts } from "../redaction/redact";
import { runInSandbox } from "./run-in-sandbox";
import type { SandboxLimits, SandboxResult, VerifierResult, VerifierRun, VerifierSnapshot, VerifierStep } from "./types";

const OUTPUT_TAIL_CHARS = 16 * 1024;

function tail(text: string): string {
  if (text.length <= OUTPUT_TAIL_CHARS) return text;
  return `[… ${text.length - OUTPUT_TAIL_CHARS} earlier characters left out …]\n${text.slice(-OUTPUT_TAIL_CHARS)}`;
}

/**
 * A step's timeout is its wall-clock limit. CPU time is bounded by what every core could spend in
 * that time (within the sandbox's ceiling of a day), so a build using all cores is stopped by its
 * timeout, not by the CPU limit first.
 */
export const stepLimits = (step: VerifierStep): Partial<SandboxLimits> => ({
  wallMs: step.timeoutSeconds * 1000,
  cpuSeconds: Math.min(step.timeoutSeconds * availableParallelism(), 24 * 3600),
});

/**
 * Wraps each step's sandboxed command: the caller's chance to do something before and after it
 * (the run pipeline holds the step's cost against its budgets); whatever it throws ends the verification.
 */
export type StepWrapper = (step: VerifierStep, run: () => Promise<SandboxResult>) => Promise<SandboxResult>;

export async function runVerifiers(dir: string, snapshot: VerifierSnapshot, options: { around?: StepWrapper } = {}): Promise<VerifierRun> {
  const results: VerifierResult[] = [];
  const around: StepWrapper = options.around ?? ((_step, run) => run());
  for (const step of snapshot.steps) {
    const r = await around(step, () => runInSandbox(dir, { argv: [...step.argv], network: null, limits: stepLimits(step) }));
    const counts: RedactionCounts = {};
    // Redacted before cutting, so a secret split by the cut is still recognised whole.
    const output = tail(redactString([r.stdout, r.stderr].filter(Boolean).join(r.stdout && r.stderr && !r.stdout.endsWith("\n") ? "\n" : ""), counts));
    results.push({
      name: step.name,
      argv: [...step.argv],
      exitCode: r.exitCode,
      passed: r.exitCode === 0 && r.limit === null,
      durationMs: Math.round(r.durationMs),
      output,
      redactions: counts,
      limit: r.limit,
      timeoutSeconds: step.timeoutSeconds,
    });
  }
  return { profile: snapshot.profile, passed: results.every((r) => r.passed), results };
}
