// The GitHub App Fleetgate acts as (@octokit/app), configured by env (GITHUB_APP_ID, its private key's
// file, the webhook secret, GITHUB_API_URL for github.com, GitHub Enterprise Server or the twin). Its
// Octokit carries the throttling and retry plugins: a secondary-limit answer waits for retry-after (or
// the plugin's default) and is tried again a few times; Fleetgate's own pace keeps it rare.
import { readFileSync } from "node:fs";
import Bottleneck from "bottleneck";
import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { env } from "../env";
import { logger } from "../log/logger";

const RETRIES_ON_LIMIT = 3;

export type GithubAppConfig = { appId: number; privateKey: string; webhookSecret: string; apiUrl: string };

export const PacedOctokit = Octokit.plugin(throttling, retry);

// The plugin's handler: true tries the request again after retryAfter seconds (GitHub's retry-after,
// or the plugin's 60 s when a secondary limit names none).
const onLimit = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
  const again = retryCount < RETRIES_ON_LIMIT;
  logger.warn("GitHub rate limit answered", { kind, method: options.method, url: options.url, retryAfterSeconds: retryAfter, retrying: again });
  return again;
};

// The plugin would also space writes itself, per process (one a second, and one a 3 s for those that
// notify, such as opening a PR): Fleetgate's pace (pace.ts) already spaces and counts every write of an
// installation across all workers, from the configured limits, so the plugin's groups here wait for
// nothing and it only retries a limit's answer.
const UNPACED = { write: new Bottleneck.Group(), notifications: new Bottleneck.Group() };

export const THROTTLE = { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary"), ...UNPACED };

export function createGithubApp(c: GithubAppConfig) {
  return new App({
    appId: c.appId,
    privateKey: c.privateKey,
    webhooks: { secret: c.webhookSecret },
    Octokit: PacedOctokit.defaults({
      baseUrl: c.apiUrl.replace(/\/+$/, ""),
      userAgent: "fleetgate",
      throttle: THROTTLE,
    }),
    // Octokit's own log lines may carry URLs, never tokens; they go through the redacting logger.
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => logger.warn(m), error: (m: string) => logger.error(m) },
  });
}

export type GithubApp = ReturnType<typeof createGithubApp>;

/** A client acting with one installation token (to revoke it with itself, or for git-adjacent calls). */
export function tokenClient(apiUrl: string, token: string) {
  return new PacedOctokit({ auth: token, baseUrl: apiUrl.replace(/\/+$/, ""), userAgent: "fleetgate", throttle: { enabled: false } });
}

let cached: { key: string; app: GithubApp } | undefined;

/**
 * The configured App (one per process, rebuilt when the settings change, as tests override them), or
 * null when none is configured.
 */
export function configuredGithubApp(): { app: GithubApp; config: GithubAppConfig } | null {
  const config = githubAppConfig();
  if (!config) return null;
  const key = `${config.appId}|${config.apiUrl}|${config.webhookSecret}|${config.privateKey}`;
  if (cached?.key !== key) cached = { key, app: createGithubApp(config) };
  return { app: cached.app, config };
}

/** The configured App's settings, or null when no App is configured; throws if the key file cannot be read. */
export function githubAppConfig(): GithubAppConfig | null {
  const e = env();
  if (e.GITHUB_APP_ID === undefined || !e.GITHUB_APP_PRIVATE_KEY_FILE || !e.GITHUB_WEBHOOK_SECRET) return null;
  return { appId: e.GITHUB_APP_ID, privateKey: readFileSync(e.GITHUB_APP_PRIVATE_KEY_FILE, "utf8"), webhookSecret: e.GITHUB_WEBHOOK_SECRET, apiUrl: e.GITHUB_API_URL };
}
