// What every part of a running twin shares: its state, its addresses, its repositories on disk,
// webhook sending and the faults the tests asked for.
import type { Urls } from "./render-common";
import type { TwinStore } from "./twin-store";
import type { TwinRepository, TwinUser } from "./twin-types";
import type { WebhookSender } from "./send-webhooks";
import type { FaultPlan } from "./fault-plan";
import { repositoryDir } from "./bare-repository";

/** One REST exchange as a client saw it (the twin's own /_twin/ control routes are not GitHub's). */
export type TwinExchange = { method: string; path: string; requestBody: unknown; status: number; responseHeaders: Record<string, string>; responseBody: unknown };

/** What a test may watch: every REST exchange and every webhook the twin emits (to check them against GitHub's schemas). */
export type TwinObserver = { exchange?(e: TwinExchange): void; webhook?(event: string, payload: Record<string, unknown>): void };

export type TwinContext = {
  store: TwinStore;
  urls: Urls;
  webhooks: WebhookSender;
  faults: FaultPlan;
  observe: TwinObserver;
  /** Serializes pushes, merges and commits per repository, so a before/after view of refs is exact. */
  withRepositoryLock<T>(repositoryId: number, fn: () => Promise<T>): Promise<T>;
};

export const repoDirOf = (ctx: TwinContext, repo: TwinRepository) => repositoryDir(ctx.store.dataDir, repo.owner, repo.name);

/** The app's bot user, the author of everything an installation token creates. */
export function appBot(ctx: TwinContext): TwinUser {
  const app = ctx.store.data.app;
  return ctx.store.user(`${app?.slug ?? "fleetgate"}[bot]`, "Bot");
}

export function ownerOf(ctx: TwinContext, repo: TwinRepository): TwinUser {
  const inst = ctx.store.data.installations.find((i) => i.account.login.toLowerCase() === repo.owner.toLowerCase());
  return ctx.store.user(repo.owner, inst?.account.type ?? "Organization");
}

export function makeRepositoryLock(): TwinContext["withRepositoryLock"] {
  const tails = new Map<number, Promise<unknown>>();
  return (id, fn) => {
    const run = (tails.get(id) ?? Promise.resolve()).catch(() => undefined).then(fn);
    tails.set(id, run);
    return run;
  };
}
