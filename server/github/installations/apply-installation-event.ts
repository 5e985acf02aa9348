// GitHub's installation and installation_repositories webhook events, applied to Fleetgate's rows.
// The webhook receiver's handler table calls this with the delivery's parsed JSON body; the payload is
// checked here (only the fields used; GitHub adds fields freely). Their actions do not overlap, so the
// action alone says which event it is.
//   installation.created                  the row is created (or refreshed); binding is the install flow's or a platform admin's
//   installation.deleted                  marked uninstalled; its repositories lose the mapping (kept)
//   installation.suspend / unsuspend      suspension recorded (a suspended installation is not synced)
//   installation.new_permissions_accepted recorded
//   installation_repositories.added       the installation is synced (the payload has no clone URLs)
//   installation_repositories.removed     those repositories lose the mapping (kept)
// An event for an installation Fleetgate does not know (other than created) is ignored, with the
// reason. Every change is audited in the installation's tenant, or the platform trail when unbound.
import { z } from "zod";
import { appendAuditEvents } from "../../audit/append-event";
import { db, type Tx } from "../../db/client";
import { upsertInstallation } from "./record-installation";
import { enqueueInstallationSync } from "./sync-job";

const ZInstallationRef = z.object({
  id: z.number().int().positive(),
  account: z.object({ login: z.string().optional(), slug: z.string().optional(), name: z.string().optional(), type: z.string().optional() }).nullable().optional(),
  target_type: z.string().optional(),
  repository_selection: z.enum(["all", "selected"]),
  suspended_at: z.string().nullable().optional(),
});

const ZRepositoryRef = z.object({ id: z.number().int().positive(), name: z.string(), full_name: z.string() });

const ZInstallationAction = z.object({ action: z.enum(["created", "deleted", "suspend", "unsuspend", "new_permissions_accepted"]), installation: ZInstallationRef });
const ZRepositoriesAction = z.object({
  action: z.enum(["added", "removed"]),
  installation: ZInstallationRef,
  repository_selection: z.enum(["all", "selected"]),
  repositories_added: z.array(ZRepositoryRef),
  repositories_removed: z.array(ZRepositoryRef.partial({ name: true, full_name: true })),
});

export const ZInstallationEvent = z.union([ZInstallationAction, ZRepositoriesAction]);
export type InstallationEvent = z.infer<typeof ZInstallationEvent>;

export type InstallationEventResult = {
  outcome: "applied" | "ignored";
  reason: string;
  /** The tenant the installation is bound to (null when it is bound to none or unknown). */
  tenantId: string | null;
  /** The installation row a sync was enqueued for. */
  synced: string | null;
};

const AUDIT_ACTION: Record<InstallationEvent["action"], string> = {
  created: "github.installation.created",
  deleted: "github.installation.deleted",
  suspend: "github.installation.suspended",
  unsuspend: "github.installation.unsuspended",
  new_permissions_accepted: "github.installation.permissions_accepted",
  added: "github.installation.repositories_added",
  removed: "github.installation.repositories_removed",
};

/**
 * Applies one event. With `tx`, in the caller's transaction (the sync it may enqueue reads GitHub
 * afresh, so enqueuing before that commits is harmless); without, in its own.
 */
export async function applyInstallationEvent(tx: Tx | undefined, payload: unknown): Promise<InstallationEventResult> {
  const action = (payload as { action?: unknown } | null)?.action;
  // The action says which event's schema applies, so a refusal names the field that is wrong.
  const schema = ZInstallationAction.shape.action.safeParse(action).success ? ZInstallationAction
    : ZRepositoriesAction.shape.action.safeParse(action).success ? ZRepositoriesAction : null;
  if (!schema) return { outcome: "ignored", reason: `not an installation event: action ${JSON.stringify(action ?? null)}`, tenantId: null, synced: null };
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { outcome: "ignored", reason: `malformed installation event: ${first.path.join(".") || "payload"} ${first.message}`, tenantId: null, synced: null };
  }
  const result = tx ? await apply(tx, parsed.data) : await db.$transaction((t) => apply(t, parsed.data));
  if (result.synced) await enqueueInstallationSync(result.synced);
  return result;
}

async function apply(tx: Tx, e: InstallationEvent): Promise<InstallationEventResult> {
  const githubId = BigInt(e.installation.id);
  const known = await tx.githubInstallation.findUnique({ where: { githubId } });
  if (!known && e.action !== "created") return { outcome: "ignored", reason: `unknown installation ${e.installation.id}`, tenantId: null, synced: null };
  const tenantId = known?.tenantId ?? null;
  const selection = "repository_selection" in e ? e.repository_selection : e.installation.repository_selection;
  let row = known!;
  let synced: string | null = null;
  let detail: Record<string, unknown> = {};

  switch (e.action) {
    case "created":
      row = await upsertInstallation(tx, {
        githubId: e.installation.id,
        accountLogin: e.installation.account?.login ?? e.installation.account?.slug ?? "unknown",
        accountType: e.installation.account?.type ?? e.installation.target_type ?? "Organization",
        repositorySelection: e.installation.repository_selection,
        suspendedAt: e.installation.suspended_at ? new Date(e.installation.suspended_at) : null,
        createdAt: new Date(),
      });
      break;
    case "deleted": {
      const unmapped = await tx.repository.updateMany({ where: { githubInstallationId: row.id }, data: { githubInstallationId: null } });
      row = await tx.githubInstallation.update({ where: { id: row.id }, data: { deletedAt: new Date() } });
      detail = { unmappedRepositories: unmapped.count };
      break;
    }
    case "suspend":
      row = await tx.githubInstallation.update({ where: { id: row.id }, data: { suspendedAt: e.installation.suspended_at ? new Date(e.installation.suspended_at) : new Date() } });
      break;
    case "unsuspend":
      row = await tx.githubInstallation.update({ where: { id: row.id }, data: { suspendedAt: null } });
      if (row.tenantId && !row.deletedAt) synced = row.id;
      break;
    case "new_permissions_accepted":
      row = await tx.githubInstallation.update({ where: { id: row.id }, data: { repositorySelection: selection } });
      break;
    case "added":
      row = await tx.githubInstallation.update({ where: { id: row.id }, data: { repositorySelection: selection } });
      if (row.tenantId && !row.deletedAt && !row.suspendedAt) synced = row.id;
      detail = { added: e.repositories_added.map((r) => r.full_name), sync: synced ? "enqueued" : "not bound to a tenant, or not active" };
      break;
    case "removed": {
      row = await tx.githubInstallation.update({ where: { id: row.id }, data: { repositorySelection: selection } });
      const ids = e.repositories_removed.map((r) => BigInt(r.id));
      const unmapped = ids.length ? await tx.repository.updateMany({ where: { githubInstallationId: row.id, githubRepoId: { in: ids } }, data: { githubInstallationId: null } }) : { count: 0 };
      detail = { removed: e.repositories_removed.map((r) => r.full_name ?? String(r.id)), unmappedRepositories: unmapped.count };
      break;
    }
  }

  await appendAuditEvents(tx, [{
    tenantId, actorType: "system", actorLabel: "github webhook",
    action: AUDIT_ACTION[e.action], resourceType: "github_installation", resourceId: row.id,
    after: { githubId: e.installation.id, account: row.accountLogin, repositorySelection: row.repositorySelection, suspended: row.suspendedAt !== null, uninstalled: row.deletedAt !== null, ...detail },
  }]);
  return { outcome: "applied", reason: `${AUDIT_ACTION[e.action]}${tenantId ? "" : " (bound to no tenant)"}`, tenantId, synced };
}
