// GitHub's setup URL: GET /api/github/setup?installation_id=..&setup_action=install&state=.. after a
// person installed the App. The state must be Fleetgate's, unexpired, and name the person signed in
// here, who must still hold github.manage in its tenant; GitHub (asked as the App) must know the
// installation; and the installation must have been made during this install flow. The id in the URL
// is the browser's word, so without that last check anyone holding a state could bind an existing
// installation of someone else's by typing its id; binding an existing one is a platform admin's
// act. Bound if no other tenant has it, audited in the tenant, then synced.
import { actorLabel, scopeFor, type RequestMeta, type UserActor } from "../../authz/scope";
import { AppError } from "../../core/app-error";
import { runOperation } from "../../core/op-context";
import { db } from "../../db/client";
import { logger } from "../../log/logger";
import { loadPolicySets } from "../../policy/load-policy-sets";
import { fetchAppInstallation } from "./github-installation-api";
import { InstallStateError, verifyInstallState, type InstallState } from "./install-state";
import { installationAuditShape } from "./installation-view";
import { bindInstallationRow, upsertInstallation } from "./record-installation";
import type { SetupOutcome } from "./setup-outcome";
import { enqueueInstallationSync } from "./sync-job";

export type SetupQuery = { installationId: string | null; setupAction: string | null; state: string | null };

export type SetupResult =
  /** Back to Admin → GitHub of the state's tenant, saying how it went. */
  | { kind: "redirect"; tenantSlug: string; outcome: SetupOutcome; githubId: number | null }
  /** Not signed in: sign in, then come back to the same URL. */
  | { kind: "sign_in" }
  /** No tenant can be trusted (no state, or not Fleetgate's): a plain refusal. */
  | { kind: "refused"; status: number; message: string };

// Clocks differ between GitHub and Fleetgate; an installation made this long before the state still counts as made after it.
const CLOCK_SKEW_MS = 2 * 60 * 1000;

export async function completeInstall(q: SetupQuery, actor: UserActor | null, meta: RequestMeta): Promise<SetupResult> {
  if (!q.state) return { kind: "refused", status: 400, message: "This link has no install state: connect the installation from Admin → GitHub in Fleetgate." };
  let state: InstallState | null;
  let named: InstallState;
  try {
    state = named = verifyInstallState(q.state);
  } catch (e) {
    if (!(e instanceof InstallStateError)) throw e;
    if (!e.expired) return { kind: "refused", status: 400, message: `Fleetgate refused this install link: ${e.message}.` };
    // Signed by Fleetgate, only too old: its tenant can be trusted with where to send the person.
    state = null;
    named = e.expired;
  }
  if (!actor) return { kind: "sign_in" };
  const tenant = await db.tenant.findUnique({ where: { id: named.tenantId }, select: { id: true, slug: true, name: true, status: true } });
  if (!tenant) return { kind: "refused", status: 404, message: "The tenant this install was started for no longer exists." };
  const back = (outcome: SetupOutcome, githubId: number | null = null): SetupResult => ({ kind: "redirect", tenantSlug: tenant.slug, outcome, githubId });
  if (!state) return back("expired");
  if (state.userId !== actor.id) return back("other_person");
  const scope = scopeFor(actor, tenant, await loadPolicySets(db, tenant.id));
  if (!scope) return { kind: "refused", status: 404, message: "tenant not found" };
  if (!scope.permissions.has("github.manage")) return back("not_allowed");
  if (q.setupAction === "request") return back("requested");
  const githubId = /^[1-9][0-9]{0,15}$/.test(q.installationId ?? "") ? Number(q.installationId) : null;
  if (githubId === null) return back("no_installation");

  let info;
  try {
    info = await fetchAppInstallation(githubId);
  } catch (e) {
    logger.warn("the install setup could not ask GitHub about the installation", { installation: githubId, error: (e as Error).message });
    return back("unavailable", githubId);
  }
  if (!info) return back("no_installation", githubId);
  if (info.createdAt.getTime() < state.issuedAt.getTime() - CLOCK_SKEW_MS) return back("not_fresh", githubId);

  try {
    const outcome = await runOperation(scope, meta, "github.installation.bind", async (ctx) => {
      const row = await upsertInstallation(ctx.tx, info);
      const bound = await bindInstallationRow(ctx.tx, row.id, tenant.id, actorLabel(actor));
      if (bound === "bound_elsewhere") throw new AppError("conflict", "bound to another tenant");
      await ctx.audit({
        action: bound === "bound" ? "github.installation.bind" : "github.installation.refresh", resourceType: "github_installation", resourceId: row.id,
        after: { ...installationAuditShape(row), via: "install_flow", setupAction: q.setupAction },
      });
      ctx.afterCommit(() => enqueueInstallationSync(row.id));
      return bound;
    });
    return back(outcome === "bound" ? "connected" : "already_connected", githubId);
  } catch (e) {
    if (e instanceof AppError && e.code === "conflict") return back("bound_elsewhere", githubId);
    throw e;
  }
}

