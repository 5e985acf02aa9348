// What a handler of one GitHub event gets and gives back. A handler reads the payload through its own
// zod schema (what the event must carry for Fleetgate; anything else is ignored), changes changesets
// only through changeset-transitions.ts inside the delivery's transaction, and says what it did: applied
// or ignored, with the reason stored on the delivery's row. Heavier work that follows from a delivery
// is a job, enqueued after the commit.
import type { z } from "zod";
import type { Tx } from "../../db/client";

export type Outcome = { outcome: "applied" | "ignored"; reason: string };

export const applied = (reason: string): Outcome => ({ outcome: "applied", reason });
export const ignored = (reason: string): Outcome => ({ outcome: "ignored", reason });

export type InstallationRef = { id: string; githubId: bigint; tenantId: string | null };

export type DeliveryContext = {
  tx: Tx;
  deliveryId: string;
  event: string;
  action: string | null;
  receivedAt: Date;
  /** The GithubInstallation the payload names, when Fleetgate knows it. */
  installation: InstallationRef | null;
  /**
   * Runs once the delivery's transaction has committed (never if it rolls back, nor for a delivery
   * already processed): what follows from it, such as enqueueing a job, without holding its locks.
   */
  afterCommit: (fn: () => Promise<unknown>) => void;
};

/** For events about a tenant's repositories: the installation is bound to that tenant. */
export type TenantDeliveryContext = DeliveryContext & {
  tenantId: string;
  installation: InstallationRef & { tenantId: string };
  /** `<app-slug>[bot]`: Fleetgate's own pushes, pull requests, labels and comments come from it. */
  appBot: string;
};

export type DeliveryHandler =
  /** Runs only for an installation bound to a tenant (anything else is ignored before it). */
  | { scope: "tenant"; schema: z.ZodType; handle: (ctx: TenantDeliveryContext, payload: unknown) => Promise<Outcome> }
  /** Runs for any installation, bound or not (installation events: binding and repository sync). */
  | { scope: "app"; schema: z.ZodType; handle: (ctx: DeliveryContext, payload: unknown) => Promise<Outcome> };

export function tenantHandler<S extends z.ZodType>(schema: S, handle: (ctx: TenantDeliveryContext, payload: z.infer<S>) => Promise<Outcome>): DeliveryHandler {
  return { scope: "tenant", schema, handle: handle as (ctx: TenantDeliveryContext, payload: unknown) => Promise<Outcome> };
}

export function appHandler<S extends z.ZodType>(schema: S, handle: (ctx: DeliveryContext, payload: z.infer<S>) => Promise<Outcome>): DeliveryHandler {
  return { scope: "app", schema, handle: handle as (ctx: DeliveryContext, payload: unknown) => Promise<Outcome> };
}
