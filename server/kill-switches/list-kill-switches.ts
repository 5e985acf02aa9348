// The kill switches that apply to a tenant: its own and the global ones, set ones first.
import type { z } from "zod";
import type { Tx } from "../db/client";
import type { KillSwitch } from "../db/generated/client";
import type { OpContext } from "../core/op-context";
import { repositoryNames } from "../runs/list-runs";
import type { ZKillSwitchFilter } from "./kill-switch-input";
import { killSwitchView, type KillSwitchView } from "./kill-switch-view";

export async function listKillSwitches(ctx: OpContext, f: z.infer<typeof ZKillSwitchFilter>) {
  const tenantId = ctx.scope.tenant.id;
  const rows = await ctx.tx.killSwitch.findMany({
    where: {
      OR: [{ tenantId }, { tenantId: null }],
      ...(f.state === "set" ? { releasedAt: null } : f.state === "released" ? { releasedAt: { not: null } } : {}),
    },
    orderBy: [{ setAt: "desc" }, { id: "desc" }], take: f.limit,
  });
  return { switches: await viewsOf(ctx.tx, tenantId, rows) };
}

export async function viewsOf(tx: Tx, tenantId: string, rows: KillSwitch[]): Promise<KillSwitchView[]> {
  const names = await repositoryNames(tx, tenantId, rows.filter((r) => r.level === "repository" && r.target).map((r) => r.target!));
  const campaignIds = rows.filter((r) => r.level === "campaign" && r.target).map((r) => r.target!);
  const campaigns = campaignIds.length ? await tx.campaign.findMany({ where: { tenantId, id: { in: campaignIds } }, select: { id: true, name: true } }) : [];
  const campaignName = new Map(campaigns.map((c) => [c.id, c.name]));
  const pending = rows.length
    ? await tx.approvalRequest.findMany({ where: { tenantId, subjectType: "killswitch", subjectId: { in: rows.map((r) => r.id) }, state: "pending" }, select: { id: true, subjectId: true } })
    : [];
  const approvalOf = new Map(pending.map((p) => [p.subjectId, p.id]));
  const label = (r: KillSwitch) => (r.level === "repository" ? names.get(r.target ?? "") ?? null : r.level === "campaign" ? campaignName.get(r.target ?? "") ?? r.target : r.target);
  return rows.map((r) => killSwitchView(r, label(r), approvalOf.get(r.id) ?? null));
}
