// The GitHub twin as its own process (the embedded GitHub when no GitHub App is configured, and
// the tests' GitHub). Configured by GITHUB_TWIN_* variables (server/github/twin/twin-env.ts).
import { parseTwinEnv } from "../server/github/twin/twin-env";
import { startGithubTwin } from "../server/github/twin/start-github-twin";

// The one place the twin reads process.env, as Fleetgate's server/env.ts is for the app.
const parsed = parseTwinEnv(process.env);
if (!parsed.ok) {
  console.error(`github twin: ${parsed.message}`);
  process.exit(64);
}
const e = parsed.env;
try {
  const twin = await startGithubTwin({ port: e.GITHUB_TWIN_PORT, host: e.GITHUB_TWIN_HOST, dataDir: e.GITHUB_TWIN_DATA_DIR, appId: e.GITHUB_TWIN_APP_ID, appSlug: e.GITHUB_TWIN_APP_SLUG, webhookUrl: e.GITHUB_TWIN_WEBHOOK_URL, webhookSecret: e.GITHUB_TWIN_WEBHOOK_SECRET, appPublicKeyPem: e.GITHUB_TWIN_APP_PUBLIC_KEY });
  console.log(`github twin: listening on ${twin.url} (app ${e.GITHUB_TWIN_APP_ID}${twin.privateKeyPath ? `, private key ${twin.privateKeyPath}` : ""})`);
  const stop = async () => {
    await twin.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
} catch (err) {
  console.error(`github twin: cannot start: ${(err as Error).message}`);
  process.exit(1);
}
