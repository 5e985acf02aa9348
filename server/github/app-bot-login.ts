// The login GitHub shows for everything the App does with an installation token (its pushes, pull
// requests, labels, comments): `<app-slug>[bot]`. Asked of GitHub once per process (GET /app) and kept.
import { configuredGithubApp } from "./github-app";

let cached: { key: string; login: string } | undefined;

export async function appBotLogin(): Promise<string> {
  const configured = configuredGithubApp();
  if (!configured) throw new Error("no GitHub App is configured");
  const key = `${configured.config.appId}|${configured.config.apiUrl}`;
  if (cached?.key === key) return cached.login;
  const { data } = await configured.app.octokit.request("GET /app");
  if (!data?.slug) throw new Error(`${configured.config.apiUrl} answered GET /app without a slug`);
  cached = { key, login: `${data.slug}[bot]` };
  return cached.login;
}
