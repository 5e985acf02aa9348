// Runs a verifier profile's steps one after another in the workspace's sandbox (no network) and
// reports each; every step runs even after one fails, so the report is complete. Output is
// redacted before it leaves this function, since it is stored and shown.
import { AppError } from "../core/app-error";
import { redactString, type RedactionCounts } from "../redaction/redact";
import { runInSandbox } from "./run-in-sandbox";
import type { SandboxLimits, VerifierResult, VerifierRun, VerifierStep } from "./types";
import { isVerifierProfile, VERIFIER_PROFILES } from "./verifier-profiles";

const OUTPUT_TAIL_CHARS = 16 * 1024;

function tail(text: string): string {
  if (text.length <= OUTPUT_TAIL_CHARS) return text;
  return `[… ${text.length - OUTPUT_TAIL_CHARS} earlier characters left out …]\n${text.slice(-OUTPUT_TAIL_CHARS)}`;
}

export async function runVerifiers(dir: string, profileName: string, limits?: Partial<SandboxLimits>): Promise<VerifierRun> {
  if (!isVerifierProfile(profileName)) {
    const known = Object.keys(VERIFIER_PROFILES).join(", ");
    throw new AppError("validation_failed", `unknown verifier profile "${profileName}": known profiles are ${known}`, {
      issues: [{ path: "verifierProfile", message: `must be one of ${known}` }],
    });
  }
  const results: VerifierResult[] = [];
  const steps: readonly VerifierStep[] = VERIFIER_PROFILES[profileName];
  for (const step of steps) {
    const r = await runInSandbox(dir, { argv: [...step.argv], network: null, limits: { ...limits, ...step.limits } });
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
    });
  }
  return { profile: profileName, passed: results.every((r) => r.passed), results };
}
