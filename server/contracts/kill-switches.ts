import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZKillSwitchFilter, ZReleaseKillSwitch, ZSetKillSwitch } from "../kill-switches/kill-switch-input";
import { ZKillSwitch } from "../kill-switches/kill-switch-view";

const tenantParams = z.object({ tenant: ZTenantParam });
const GLOBAL = "a global kill switch stops every tenant";

export const listKillSwitchesRoute = defineRoute({
  id: "killswitch.list", method: "GET", path: "/api/v1/tenants/{tenant}/kill-switches", tag: "killswitches",
  summary: "Kill switches that apply to the tenant (its own and global ones): set ones by default, state=released or all for history",
  permission: "killswitch.read", params: tenantParams, query: ZKillSwitchFilter, response: z.object({ switches: z.array(ZKillSwitch) }),
});

export const setKillSwitchRoute = defineRoute({
  id: "killswitch.set", method: "POST", path: "/api/v1/tenants/{tenant}/kill-switches", tag: "killswitches",
  summary: "Set a kill switch (tenant, repository, campaign or capability level; global: killswitch.global) with a reason. new_runs refuses new work; running stops covered runs (waiting ones at once, executing ones within 5 s) and revokes their live GitHub tokens; pr_creation stops PRs; close_drafts closes covered agent draft PRs with a comment",
  permission: "killswitch.set", params: tenantParams, body: ZSetKillSwitch, status: 201,
  alsoRequires: [{ permission: "killswitch.global", when: "setsGlobalKillSwitch", because: GLOBAL }],
  response: z.object({ killSwitch: ZKillSwitch, stoppedWaiting: z.number().int() }),
});

export const releaseKillSwitchRoute = defineRoute({
  id: "killswitch.release", method: "POST", path: "/api/v1/tenants/{tenant}/kill-switches/{killSwitchId}/release", tag: "killswitches",
  summary: "Release a kill switch with a reason; when the policy wants approval (global and tenant-wide switches), an approval request of kind killswitch_release is raised and the switch stays set until it is approved",
  permission: "killswitch.set", params: z.object({ tenant: ZTenantParam, killSwitchId: ZId }), body: ZReleaseKillSwitch,
  alsoRequires: [{ permission: "killswitch.global", when: "namesGlobalKillSwitch", because: GLOBAL }],
  response: z.object({ killSwitch: ZKillSwitch, state: z.enum(["released", "release_pending"]), approvalId: z.string().nullable() }),
  example: { body: { reason: "incident resolved" } },
});
