// A twin in a temporary data directory for the integration tests, with one organization
// installation and a repository, and small helpers to call it as the app and as a token. Every REST
// exchange and webhook it makes is checked against GitHub's published description (the checked-in
// extract); takeProblems() answers what did not match, for a test to expect none.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { validateExchange } from "../../openapi/validate-exchange";
import { validateWebhookPayload } from "../../openapi/validate-webhook-payload";
import type { WebhookReceiver } from "../../../../e2e/support/webhook-receiver";
import { signAppJwt } from "../app-jwt";
import { ensureInstallation, ensureRepository } from "../seed-twin";
import { startGithubTwin, type GithubTwin, type GithubTwinOptions } from "../start-github-twin";

export const APP_ID = 4242;
export const SECRET = "twin-test-webhook-secret";

export type TwinFixture = {
  twin: GithubTwin;
  dataDir: string;
  privateKey: string;
  installationId: number;
  jwt(options?: Parameters<typeof signAppJwt>[2]): string;
  call(method: string, route: string, options?: { auth?: string; body?: unknown }): Promise<{ status: number; headers: Headers; body: any }>;
  token(request?: Record<string, unknown>): Promise<string>;
  restart(): Promise<void>;
  /** What did not match GitHub's schemas since the last call, each naming the exchange and the field. */
  takeProblems(): string[];
  cleanup(): Promise<void>;
};

export async function startTwinFixture(options: Partial<GithubTwinOptions> = {}): Promise<TwinFixture> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "github-twin-test-")));
  let problems: string[] = [];
  const observe = {
    exchange(e: Parameters<NonNullable<NonNullable<GithubTwinOptions["observe"]>["exchange"]>>[0]) {
      const found = validateExchange({ method: e.method, path: e.path, requestBody: e.requestBody, status: e.status, responseHeaders: e.responseHeaders, responseBody: e.responseBody });
      problems.push(...found.map((p) => `${e.method} ${e.path} -> ${e.status}: ${p}`));
    },
    webhook(event: string, payload: Record<string, unknown>) {
      const action = typeof payload.action === "string" ? payload.action : undefined;
      problems.push(...validateWebhookPayload(event, action, payload).map((p) => `webhook ${event}${action ? `.${action}` : ""}: ${p}`));
    },
  };
  // Each fixture's ids are its own, as GitHub's are unique: test files share one database.
  const firstId = options.firstId ?? 1_000_000 + Math.floor(Math.random() * 1_000_000) * 1_000;
  const start = () => startGithubTwin({ dataDir, appId: APP_ID, webhookSecret: SECRET, observe, firstId, ...options });
  let twin = await start();
  const privateKey = await readFile(twin.privateKeyPath!, "utf8");
  const installation = await ensureInstallation(twin.ctx, { login: "acme" });
  await ensureRepository(twin.ctx, { owner: "acme", name: "widgets", files: { "README.md": "# widgets\n", "src/index.js": "module.exports = 1;\n" } });
  await ensureRepository(twin.ctx, { owner: "acme", name: "gadgets", files: { "README.md": "# gadgets\n" } });

  const fixture: TwinFixture = {
    get twin() {
      return twin;
    },
    dataDir,
    privateKey,
    installationId: installation.id,
    jwt: (o) => signAppJwt(privateKey, APP_ID, o),
    async call(method, route, o = {}) {
      const res = await fetch(`${twin.url}${route}`, {
        method,
        headers: { accept: "application/vnd.github+json", ...(o.auth ? { authorization: o.auth } : {}), ...(o.body !== undefined ? { "content-type": "application/json" } : {}) },
        body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
    },
    async token(request = {}) {
      const r = await fixture.call("POST", `/app/installations/${installation.id}/access_tokens`, { auth: `Bearer ${fixture.jwt()}`, body: request });
      if (r.status !== 201) throw new Error(`token: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    takeProblems() {
      const taken = problems;
      problems = [];
      return taken;
    },
    async restart() {
      await twin.close();
      twin = await start();
    },
    async cleanup() {
      await twin.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** What a receiver got from the twin, each body parsed; `raw` is what the signature covers. */
export const deliveriesTo = (receiver: WebhookReceiver) => receiver.received.map((d) => ({ headers: d.headers, raw: d.body, body: JSON.parse(d.body) }));
