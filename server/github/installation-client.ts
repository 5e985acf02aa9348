// An Octokit acting with one step's installation token, whose writes go through the installation's
// pace (server/github/pace.ts) and whose secondary-limit answers wait for retry-after, then retry.
import { PacedOctokit, THROTTLE } from "./github-app";
import { isWrite, paced } from "./pace";

export type InstallationClient = InstanceType<typeof PacedOctokit>;

/** installationId: the GithubInstallation row whose pace the writes keep. */
export function installationClient(apiUrl: string, token: string, installationId: string): InstallationClient {
  const octokit = new PacedOctokit({ auth: token, baseUrl: apiUrl.replace(/\/+$/, ""), userAgent: "fleetgate", throttle: THROTTLE });
  octokit.hook.wrap("request", (request, options) =>
    isWrite(options.method) ? paced(installationId, { method: options.method, route: String(options.url) }, async () => request(options)) : Promise.resolve(request(options)));
  return octokit;
}
