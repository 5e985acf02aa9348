// Starting GitHub's install flow for the tenant: the URL of the App's install page with a signed,
// short-lived state naming the tenant and the person, which GitHub hands back to the setup URL
// (complete-install.ts). The start is audited; nothing is bound until GitHub sends the person back.
import type { OpContext } from "../../core/op-context";
import { installUrl } from "./github-installation-api";
import { signInstallState } from "./install-state";

export async function startInstall(ctx: OpContext): Promise<{ url: string; expiresAt: string }> {
  const actor = ctx.scope.actor;
  // A token acts for its creator: the install completes in that person's browser.
  const userId = actor.kind === "user" ? actor.id : actor.userId;
  const { state, expiresAt } = signInstallState({ tenantId: ctx.scope.tenant.id, userId });
  const url = await installUrl(state);
  await ctx.audit({ action: "github.install.start", resourceType: "github_installation", after: { expiresAt: expiresAt.toISOString() } });
  return { url, expiresAt: expiresAt.toISOString() };
}
