// Who Fleetgate's commits and pull requests are by: the App's bot account (`<slug>[bot]`), asked of
// the API once per process and configuration.
import { requireGithubApp } from "../token-leases";

export type AppIdentity = { login: string; name: string; email: string };

let cached: { key: string; identity: Promise<AppIdentity> } | undefined;

export function appIdentity(): Promise<AppIdentity> {
  const { app, config } = requireGithubApp();
  const key = `${config.apiUrl}|${config.appId}`;
  if (cached?.key !== key) {
    const identity = app.octokit.request("GET /app").then(({ data }) => {
      const login = `${data?.slug ?? `app-${config.appId}`}[bot]`;
      return { login, name: login, email: `${config.appId}+${login}@users.noreply.github.com` };
    });
    identity.catch(() => { if (cached?.key === key) cached = undefined; });
    cached = { key, identity };
  }
  return cached.identity;
}
