// An Octokit acting with one step's installation token, whose writes go through the installation's
// pace (server/github/pace.ts) and whose secondary-limit answers wait for retry-after, then retry.
// The pace wraps the HTTP exchange itself, beneath the throttling and retry plugins: each attempt
// (a retry after retry-after, or after a 5xx) takes a turn of its own and is counted, and no plugin
// waits out a retry-after while holding the installation's turn; the limit's answer moves the
// installation's next turn instead, for every worker.
import { PacedOctokit, THROTTLE } from "./github-app";
import { isWrite, paced } from "./pace";

export type InstallationClient = InstanceType<typeof PacedOctokit>;

/** GitHub's fallback when a secondary limit names no retry-after (the throttling plugin's too). */
const SECONDARY_FALLBACK_MS = 60_000;
const HOUR = 3_600_000;

/** installationId: the GithubInstallation row whose pace the writes keep. */
export function installationClient(apiUrl: string, token: string, installationId: string): InstallationClient {
  const pacedFetch: typeof fetch = (input, init) => {
    const method = init?.method ?? "GET";
    if (!isWrite(method)) return fetch(input, init);
    const route = new URL(input instanceof Request ? input.url : String(input)).pathname;
    return paced(installationId, { method, route, pauseAfter: limitPause }, () => fetch(input, init));
  };
  return new PacedOctokit({ auth: token, baseUrl: apiUrl.replace(/\/+$/, ""), userAgent: "fleetgate", throttle: THROTTLE, request: { fetch: pacedFetch } });
}

/** How long a limit's answer asks the installation to wait: its retry-after, GitHub's fallback, or until the primary limit resets. */
export async function limitPause(res: Response): Promise<number> {
  if (res.status !== 403 && res.status !== 429) return 0;
  const retryAfter = Number(res.headers.get("retry-after"));
  if (res.headers.has("retry-after") && Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  const text = await res.clone().text().catch(() => "");
  if (/secondary rate limit/i.test(text) || res.status === 429) return SECONDARY_FALLBACK_MS;
  if (res.headers.get("x-ratelimit-remaining") === "0") {
    const reset = Number(res.headers.get("x-ratelimit-reset")) * 1000;
    return Number.isFinite(reset) ? Math.min(HOUR, Math.max(0, reset - Date.now())) : 0;
  }
  return 0;
}
