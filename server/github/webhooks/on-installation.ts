// installation and installation_repositories: applied by the installations domain for any
// installation, bound to a tenant or not (creating, suspending, uninstalling, repositories added or
// removed), which checks the payload itself and names the field that is wrong.
import { z } from "zod";
import { applyInstallationEvent } from "../installations/apply-installation-event";
import { appHandler } from "./delivery-handler";

export const onInstallation = appHandler(z.object({ action: z.string() }).passthrough(), async (ctx, payload) => {
  const r = await applyInstallationEvent(ctx.tx, payload);
  return { outcome: r.outcome, reason: r.reason };
});
