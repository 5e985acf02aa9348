// Retrying a run that ended: a new run of the same task (the next attempt), admitted against the
// policy and kill switches in force now. The ended run stays as it was.
import type { z } from "zod";
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { admitRun } from "./admit-run";
import { loadRunIn } from "./get-run";
import type { ZRetryRun } from "./run-input";
import { isTerminal } from "./run-transitions";

export async function retryRun(ctx: OpContext, runId: string, body: z.infer<typeof ZRetryRun>) {
  const run = await loadRunIn(ctx, runId);
  if (!isTerminal(run.state)) throw new AppError("conflict", `the run is ${run.state.replace("_", " ")}: only a run that ended can be retried`);
  // One retry at a time per task (a double click, two people): the task's row lock orders them, and
  // the second finds the first's run still open.
  await ctx.tx.$queryRaw`SELECT 1 FROM "Task" WHERE id = ${run.taskId} AND "tenantId" = ${run.tenantId} FOR UPDATE`;
  const open = await ctx.tx.run.findFirst({ where: { taskId: run.taskId, tenantId: run.tenantId, state: { notIn: ["succeeded", "failed", "cancelled"] } }, select: { id: true, attempt: true, state: true } });
  if (open) throw new AppError("conflict", `attempt ${open.attempt} of this task (run ${open.id}) is ${open.state.replace("_", " ")}; retry once it has ended`);
  const repo = await ctx.tx.repository.findFirst({ where: { id: run.repositoryId, tenantId: run.tenantId }, include: { team: { select: { slug: true } } } });
  if (!repo) throw new AppError("conflict", "the run's repository was removed; it cannot run again");
  const last = await ctx.tx.run.aggregate({ where: { taskId: run.taskId, tenantId: run.tenantId }, _max: { attempt: true } });
  const attempt = (last._max.attempt ?? run.attempt) + 1;
  const who = actorLabel(ctx.scope.actor);
  return admitRun(ctx, run.task, repo, {
    attempt, at: "task", cause: `attempt ${attempt} of the task, retried by ${who} after run ${run.id} ${run.state}${body.reason ? `: ${body.reason}` : ""}`,
    audit: (newRunId, governance) => ({
      action: "run.retry", resourceType: "run", resourceId: run.id,
      after: { retriedAs: newRunId, attempt, reason: body.reason ?? null, governance },
    }),
  });
}
