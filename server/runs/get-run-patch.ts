// A run's patch as people see it: redacted (the stored patch stays exact, for the PR step), with
// its hash. A patch that broke the policy's boundary is restricted evidence: only those who may
// read the audit trail see it.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { redactText } from "../redaction/redact";
import { loadRunIn } from "./get-run";
import type { RunPatch } from "./run-view";

/** The run's patch, or null when it has none; throws forbidden when it is restricted and the caller may not read evidence. */
export async function readRunPatch(ctx: OpContext, runId: string, tenantId: string): Promise<RunPatch | null> {
  const a = await ctx.tx.runArtifact.findFirst({ where: { runId, tenantId, kind: "patch" } });
  if (!a) return null;
  if (a.restricted && !ctx.scope.permissions.has("audit.read")) {
    throw new AppError("forbidden", "this patch broke the policy's boundary and is kept as restricted evidence: reading it needs audit.read");
  }
  const shown = redactText(a.content);
  return { sha256: a.sha256, size: a.size, restricted: a.restricted, content: shown.text, redactions: shown.counts };
}

export async function getRunPatch(ctx: OpContext, runId: string): Promise<RunPatch> {
  const run = await loadRunIn(ctx, runId);
  const patch = await readRunPatch(ctx, run.id, run.tenantId);
  if (!patch) throw new AppError("not_found", run.state === "succeeded" || run.state === "failed" ? "this run produced no patch" : `no patch yet: the run is ${run.state}`);
  return patch;
}
