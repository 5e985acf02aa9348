// What the push step found, kept on the changeset: the head Fleetgate pushed (its own, from now on),
// or a base that moved, which starts a new attempt of the task on the new base once (policy may want
// it up to date; the patch may no longer apply) and otherwise asks a person. Never a force-push over
// someone's commit.
import { db } from "../../db/client";
import { asRequester, type RunContext } from "../../runs/run-context";
import { retryRun } from "../../runs/retry-run";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { holdChangeset } from "./hold-changeset";

/** New attempts a stale base may start on its own before a person is asked. */
const STALE_RESTARTS = 2;

/** The changeset's headSha was set before the push (pushBranch's beforePush); this adds the event. */
export async function recordPush(cs: { id: string; tenantId: string; headSha: string | null }, pushed: { kind: string; headSha: string; baseHead: string }): Promise<void> {
  if (pushed.kind === "unchanged" && cs.headSha === pushed.headSha) return;
  await db.$transaction(async (tx) => {
    await tx.changeset.update({ where: { id: cs.id }, data: { headSha: pushed.headSha } });
    const what = pushed.kind === "built" ? "built" : pushed.kind === "pushed" ? "pushed" : "found already pushed";
    await appendChangesetEvent(tx, cs, { kind: "push", message: `commit ${pushed.headSha.slice(0, 12)} ${what}`, data: { headSha: pushed.headSha, baseHead: pushed.baseHead } });
  });
}

export async function restartOnNewBase(run: RunContext, cs: { id: string; tenantId: string }, reason: string, notify: { userId: string | null; tenantSlug: string; runId: string }): Promise<string> {
  const restarts = await db.changesetEvent.count({ where: { changesetId: cs.id, kind: "flag", data: { path: ["stale"], equals: true } } });
  if (restarts >= STALE_RESTARTS) {
    const why = `${reason}; ${restarts} new attempts did not catch up, so a person decides`;
    await holdChangeset(cs, "needs_human", "stale_base", why, notify);
    return `needs a person: ${why}`;
  }
  const started = await asRequester(run, "run.retry", (ctx) => retryRun(ctx, run.id, { reason: `stale base: ${reason}` }))
    .then((r) => ({ ok: true as const, runId: r.runId }), (e: Error) => ({ ok: false as const, message: e.message }));
  if (!started.ok) {
    await holdChangeset(cs, "needs_human", "stale_base", `${reason}; a new attempt could not start: ${started.message}`, notify);
    return `needs a person: ${started.message}`;
  }
  await db.$transaction((tx) => appendChangesetEvent(tx, cs, { kind: "flag", message: `${reason}: attempt started on the new base (run ${started.runId})`, data: { stale: true, newRunId: started.runId } }));
  return `stale base: a new attempt runs (${started.runId})`;
}
