// The GitHub twin: a loopback server speaking the part of GitHub's REST API Fleetgate uses, git
// smart HTTP over bare repositories, signed webhooks and the web pages where a person acts on pull
// requests (serve-pages.ts), with its state under a data directory that survives restarts. See
// twin-env.ts for the process's configuration.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { ensureAppKey } from "./ensure-app-key";
import { makeFaultPlan } from "./fault-plan";
import { handleApiRequest, makeRateCounter, sendJson } from "./handle-api-request";
import { APP_ROUTES } from "./routes-app";
import { CONTROL_ROUTES } from "./routes-control";
import { ISSUE_ROUTES } from "./routes-issues";
import { PULL_ROUTES } from "./routes-pulls";
import { REPO_ROUTES } from "./routes-repos";
import { isGitPath, serveGitHttp } from "./serve-git-http";
import { routePage, servePage } from "./serve-pages";
import { makeWebhookSender } from "./send-webhooks";
import { makeRepositoryLock, type TwinContext, type TwinObserver } from "./twin-context";
import { openTwinStore } from "./twin-store";

export type GithubTwinOptions = {
  dataDir: string;
  appId: number;
  webhookSecret: string;
  webhookUrl?: string;
  port?: number;
  host?: string;
  appSlug?: string;
  /** Where a new twin starts numbering its objects (see openTwinStore). */
  firstId?: number;
  /** The app's public key; without it the twin generates a key pair into the data directory. */
  appPublicKeyPem?: string;
  observe?: TwinObserver;
};

export type GithubTwin = {
  /** API base URL (octokit's baseUrl) and the root of clone URLs (`${url}/<owner>/<repo>.git`). */
  url: string;
  /** The generated private key's file, for Fleetgate's configuration; null when a public key was given. */
  privateKeyPath: string | null;
  ctx: TwinContext;
  close(): Promise<void>;
};

const ROUTES = [...APP_ROUTES, ...REPO_ROUTES, ...PULL_ROUTES, ...ISSUE_ROUTES];

export async function startGithubTwin(options: GithubTwinOptions): Promise<GithubTwin> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.join(dataDir, "repos"), { recursive: true });
  const store = await openTwinStore(dataDir, options.firstId);
  const key = await ensureAppKey(dataDir, options.appPublicKeyPem);
  if (store.data.app && store.data.app.id !== options.appId) throw new Error(`the twin's data directory ${dataDir} belongs to app ${store.data.app.id}, not ${options.appId}`);
  const slug = options.appSlug ?? "fleetgate";
  store.data.app = { id: options.appId, slug, name: slug, ownerLogin: store.data.app?.ownerLogin ?? "twin-apps", publicKeyPem: key.publicKeyPem, createdAt: store.data.app?.createdAt ?? new Date().toISOString() };
  await store.save("app");

  const faults = makeFaultPlan();
  const ctx: TwinContext = {
    store,
    urls: { api: "", html: "" },
    faults,
    webhooks: makeWebhookSender(store, { url: options.webhookUrl, secret: options.webhookSecret, faults, observe: options.observe }),
    observe: options.observe ?? {},
    withRepositoryLock: makeRepositoryLock(),
  };
  const rate = makeRateCounter();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", ctx.urls.api);
    const done = (p: Promise<void>) =>
      p.catch((e) => {
        console.error("github twin: request failed", e);
        if (!res.headersSent) sendJson(res, { status: 500, body: { message: "Server Error" } });
        else res.destroy();
      });
    if (isGitPath(url.pathname)) return void done(serveGitHttp(ctx, req, res, url));
    // The pages a person uses (home, a repository, a pull request and its forms): exact shapes only.
    const page = routePage(ctx, req.method ?? "GET", url.pathname);
    if (page) return void done(servePage(ctx, page, req, res, url));
    void done(handleApiRequest(ctx, url.pathname.startsWith("/_twin/") ? CONTROL_ROUTES : ROUTES, rate, req, res, url));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  ctx.urls.api = url;
  ctx.urls.html = url;

  return {
    url,
    privateKeyPath: key.privateKeyPath,
    ctx,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.webhooks.idle();
      await store.flush();
    },
  };
}
