// Installation tokens leased for one step: minted narrowed to one repository and the step's
// permissions, recorded sealed (so any process can revoke it: a kill switch, the reconciler), used,
// and revoked as soon as the step ends. The token itself never leaves this module's callers: not
// logged, not audited, not given to the sandbox or the model.
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../core/app-error";
import { logger } from "../log/logger";
import { openSecret, sealSecret } from "../secrets/secret-box";
import { configuredGithubApp } from "./github-app";
import { mintStepToken, revokeStepToken, STEP_PERMISSIONS } from "./step-token";

export type Step = keyof typeof STEP_PERMISSIONS;

export type LeaseTarget = {
  tenantId: string;
  repositoryId: string;
  runId?: string | null;
  changesetId?: string | null;
  installationGithubId: bigint | number;
  owner: string;
  name: string;
};

export type Lease = { id: string; token: string; expiresAt: Date; apiUrl: string };

export function requireGithubApp() {
  const configured = configuredGithubApp();
  if (!configured) throw new AppError("conflict", "no GitHub App is configured (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY_FILE, GITHUB_WEBHOOK_SECRET)");
  return configured;
}

export async function leaseStepToken(target: LeaseTarget, step: Step): Promise<Lease> {
  const { app, config } = requireGithubApp();
  const minted = await mintStepToken(app, Number(target.installationGithubId), { owner: target.owner, name: target.name }, STEP_PERMISSIONS[step]);
  const row = await db.tokenLease.create({
    data: {
      tenantId: target.tenantId, repositoryId: target.repositoryId, runId: target.runId ?? null, changesetId: target.changesetId ?? null,
      step, permissions: minted.permissions as Prisma.InputJsonObject, expiresAt: minted.expiresAt,
      tokenSealed: sealSecret(minted.token, "github_token", target.tenantId),
    },
    select: { id: true },
  });
  return { id: row.id, token: minted.token, expiresAt: minted.expiresAt, apiUrl: config.apiUrl };
}

/** Revokes the lease's token (if it is still live) and records why; safe to call twice. */
export async function endLease(lease: Pick<Lease, "id" | "token" | "apiUrl">, reason: string): Promise<void> {
  try {
    await revokeStepToken(lease.apiUrl, lease.token);
    await db.tokenLease.updateMany({ where: { id: lease.id, revokedAt: null }, data: { revokedAt: new Date(), revokeReason: reason } });
  } catch (e) {
    logger.warn("could not revoke an installation token; it expires within the hour", { lease: lease.id, error: (e as Error).message });
  }
}

/** Leases a token for one step, runs it, and revokes the token whatever happens. */
export async function withStepToken<T>(target: LeaseTarget, step: Step, fn: (lease: Lease) => Promise<T>): Promise<T> {
  const lease = await leaseStepToken(target, step);
  try {
    return await fn(lease);
  } finally {
    await endLease(lease, `${step} done`);
  }
}

/**
 * Revokes every live lease matching `where` (a run's, a tenant's, a repository's), from whichever
 * process asks: the sealed token is opened only to revoke it with itself. A lease is marked revoked
 * once GitHub has revoked it (or says it was already unusable); one that could not be is counted as
 * failed and stays live, for the next attempt.
 */
export async function revokeLeases(where: Prisma.TokenLeaseWhereInput, reason: string): Promise<{ revoked: number; failed: number }> {
  const live = await db.tokenLease.findMany({ where: { ...where, revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true, tenantId: true, tokenSealed: true } });
  if (!live.length) return { revoked: 0, failed: 0 };
  const { config } = requireGithubApp();
  let revoked = 0;
  let failed = 0;
  for (const l of live) {
    try {
      await revokeStepToken(config.apiUrl, openSecret(l.tokenSealed, "github_token", l.tenantId));
      const marked = await db.tokenLease.updateMany({ where: { id: l.id, revokedAt: null }, data: { revokedAt: new Date(), revokeReason: reason } });
      revoked += marked.count;
    } catch (e) {
      failed++;
      logger.warn("could not revoke an installation token; it expires within the hour", { lease: l.id, error: (e as Error).message });
    }
  }
  return { revoked, failed };
}
