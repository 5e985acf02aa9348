// Checked when the worker starts, so a wrong App setting stops it at once with one line naming the
// variable, rather than failing the first publication: the key file must hold a private key, and the
// API must accept the App's token and answer with the same App id.
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { env } from "../env";
import { createGithubApp } from "./github-app";

export type GithubAppProblem = { fatal: boolean; message: string };

const fatal = (message: string): GithubAppProblem => ({ fatal: true, message });

/**
 * null when no App is configured or it is sound; otherwise one line saying what is wrong and where.
 * A wrong setting is fatal; an API that cannot be asked right now (down, unreachable) is not.
 */
export async function checkGithubApp(): Promise<GithubAppProblem | null> {
  const e = env();
  if (e.GITHUB_APP_ID === undefined || !e.GITHUB_APP_PRIVATE_KEY_FILE || !e.GITHUB_WEBHOOK_SECRET) return null;
  const file = e.GITHUB_APP_PRIVATE_KEY_FILE;
  let privateKey: string;
  try {
    privateKey = readFileSync(file, "utf8");
  } catch (err) {
    return fatal(`GITHUB_APP_PRIVATE_KEY_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    if (createPrivateKey(privateKey).asymmetricKeyType !== "rsa") return fatal(`GITHUB_APP_PRIVATE_KEY_FILE: ${file} is not an RSA private key (GitHub Apps sign with RS256)`);
  } catch {
    return fatal(`GITHUB_APP_PRIVATE_KEY_FILE: ${file} does not hold a PEM private key`);
  }
  const app = createGithubApp({ appId: e.GITHUB_APP_ID, privateKey, webhookSecret: e.GITHUB_WEBHOOK_SECRET, apiUrl: e.GITHUB_API_URL });
  try {
    // One try: a start check reports, it does not wait out an outage.
    const { data } = await app.octokit.request("GET /app", { request: { retries: 0 } });
    if (data?.id !== e.GITHUB_APP_ID) return fatal(`GITHUB_APP_ID: ${e.GITHUB_APP_ID} is not the App this key belongs to (${e.GITHUB_API_URL} answers App ${data?.id} "${data?.slug}")`);
    return null;
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 401) return fatal(`GITHUB_APP_ID: ${e.GITHUB_API_URL} refused App ${e.GITHUB_APP_ID}'s token (401): the key in GITHUB_APP_PRIVATE_KEY_FILE is not that App's`);
    if (status === 404) return fatal(`GITHUB_API_URL: ${e.GITHUB_API_URL} has no GET /app (404): is it GitHub's API (https://api.github.com, or https://<host>/api/v3)?`);
    return { fatal: false, message: `GITHUB_API_URL: cannot ask ${e.GITHUB_API_URL} about the App now (${status ? `HTTP ${status}` : (err as Error).message}); publishing waits for it` };
  }
}
