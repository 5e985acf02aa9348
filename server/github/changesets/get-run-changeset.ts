// The changeset a run published through, or null: the run's own (Changeset.runId) or its task's
// (an earlier attempt shares the branch and PR of the task's later attempts). The run is looked up
// within the caller's tenant first, so another tenant's run answers 404 like a missing one.
import type { OpContext } from "../../core/op-context";
import { loadRunIn } from "../../runs/get-run";
import { changesetDetail } from "./get-changeset";
import type { ChangesetDetail } from "./changeset-view";

export async function getRunChangeset(ctx: OpContext, runId: string): Promise<{ changeset: ChangesetDetail | null }> {
  const run = await loadRunIn(ctx, runId);
  const changeset = await ctx.tx.changeset.findFirst({
    where: { tenantId: ctx.scope.tenant.id, OR: [{ runId: run.id }, { taskId: run.taskId }] },
    orderBy: { createdAt: "desc" },
  });
  return { changeset: changeset ? await changesetDetail(ctx, changeset) : null };
}
