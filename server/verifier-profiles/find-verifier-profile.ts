// A profile of the scope's tenant, by id (the API's routes) or by name (what a repository names).
// Another tenant's profile answers exactly like a missing one.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";

export const profileNotFound = () => new AppError("not_found", "verifier profile not found");

/** Locked for the rest of the transaction: an edit or a delete waits for a repository naming it, and the reverse. */
export async function lockProfile(ctx: OpContext, id: string) {
  const rows = await ctx.tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "VerifierProfile" WHERE id = ${id} AND "tenantId" = ${ctx.scope.tenant.id} FOR UPDATE`;
  if (!rows.length) throw profileNotFound();
  return ctx.tx.verifierProfile.findUniqueOrThrow({ where: { id } });
}

/**
 * The profile a repository is about to name, held (FOR SHARE) until the transaction ends so that a
 * delete cannot slip in between; a name the tenant has no profile of is a 422 on the field.
 */
export async function holdProfileNamed(ctx: OpContext, name: string, field: string): Promise<string> {
  const tenantId = ctx.scope.tenant.id;
  const rows = await ctx.tx.$queryRaw<{ name: string }[]>`
    SELECT name FROM "VerifierProfile" WHERE "tenantId" = ${tenantId} AND name = ${name} FOR SHARE`;
  if (rows.length) return rows[0]!.name;
  const known = await ctx.tx.verifierProfile.findMany({ where: { tenantId }, select: { name: true }, orderBy: { name: "asc" } });
  const message = `names no verifier profile of this tenant (${known.length ? `its profiles: ${known.map((p) => p.name).join(", ")}` : "it has none"})`;
  throw new AppError("validation_failed", `${field}: "${name}" ${message}`, { issues: [{ path: field, message }] });
}
