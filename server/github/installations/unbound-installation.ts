// Whether Fleetgate knows an installation of this GitHub id that is bound to no tenant. It reads
// only rows that are nobody's (tenantId null), never another tenant's: an id another tenant has
// answers false here, and then not found from the operation, exactly like an unknown one.
import type { OpContext } from "../../core/op-context";

export async function isUnboundInstallation(ctx: OpContext, githubId: number): Promise<boolean> {
  return (await ctx.tx.githubInstallation.count({ where: { githubId: BigInt(githubId), tenantId: null } })) > 0;
}
