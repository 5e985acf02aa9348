// The app's side of the API (JWT): the app, its installations, installation tokens, and the
// app webhook's deliveries with redelivery; and the installation's own endpoints (token).
import { requireApp, requireInstallation } from "./authenticate-request";
import { badCredentials, notFound } from "./github-error";
import { installationRepositories } from "./installation-access";
import { mintInstallationToken, ZTokenRequest } from "./mint-installation-token";
import { renderApp, renderInstallation, renderRepository } from "./render-common";
import { ownerOf, type TwinContext } from "./twin-context";
import { paginate, parseBody, route, type Route } from "./route-table";
import type { TwinDelivery } from "./twin-types";

const installationJson = (ctx: TwinContext, id: number) => {
  const i = ctx.store.data.installations.find((x) => x.id === id);
  if (!i) throw notFound();
  return { installation: i, json: renderInstallation(i, ctx.store.data.app!, ctx.store.user(i.account.login, i.account.type), ctx.urls) };
};

const deliveryJson = (d: TwinDelivery) => {
  const last = d.attempts.at(-1);
  return {
    id: d.id,
    guid: d.guid,
    delivered_at: d.deliveredAt,
    redelivery: last?.redelivery ?? false,
    duration: 0,
    status: last ? (last.statusCode && last.statusCode < 400 ? "OK" : (last.error ?? `HTTP ${last.statusCode}`)) : "pending",
    status_code: last?.statusCode ?? 0,
    event: d.event,
    action: d.action,
    installation_id: d.installationId,
    repository_id: d.repositoryId,
  };
};

export const APP_ROUTES: Route[] = [
  route("GET", "/app", async ({ ctx, auth }) => {
    requireApp(auth);
    const app = ctx.store.data.app!;
    const perms = Object.assign({}, ...ctx.store.data.installations.map((i) => i.permissions));
    const events = [...new Set(ctx.store.data.installations.flatMap((i) => i.events))];
    return { status: 200, body: renderApp(app, ctx.store.user(app.ownerLogin, "Organization"), ctx.urls, ctx.store.data.installations.length, perms, events) };
  }),
  route("GET", "/app/installations", async ({ ctx, auth, query }) => {
    requireApp(auth);
    const all = ctx.store.data.installations.map((i) => installationJson(ctx, i.id).json);
    const page = paginate(all, query, `${ctx.urls.api}/app/installations`);
    return { status: 200, body: page.items, headers: page.headers };
  }),
  route("GET", "/app/installations/:id", async ({ ctx, auth, params }) => {
    requireApp(auth);
    return { status: 200, body: installationJson(ctx, Number(params.id)).json };
  }),
  route("POST", "/app/installations/:id/access_tokens", async ({ ctx, auth, params, body }) => {
    requireApp(auth);
    const { installation } = installationJson(ctx, Number(params.id));
    const { token, repositories } = await mintInstallationToken(ctx.store, installation, parseBody(ZTokenRequest, body));
    return {
      status: 201,
      body: {
        token: token.token,
        expires_at: token.expiresAt,
        permissions: token.permissions,
        repository_selection: repositories ? "selected" : installation.repositorySelection,
        ...(repositories ? { repositories: repositories.map((r) => renderRepository(r, ownerOf(ctx, r), ctx.urls)) } : {}),
      },
    };
  }),
  route("GET", "/installation/repositories", async ({ ctx, auth, query }) => {
    const { token, installation } = requireInstallation(auth);
    const repos = installationRepositories(ctx.store.data, installation).filter((r) => token.repositoryIds === null || token.repositoryIds.includes(r.id));
    const page = paginate(repos, query, `${ctx.urls.api}/installation/repositories`);
    return { status: 200, body: { total_count: repos.length, repository_selection: token.repositoryIds ? "selected" : installation.repositorySelection, repositories: page.items.map((r) => renderRepository(r, ownerOf(ctx, r), ctx.urls)) }, headers: page.headers };
  }),
  route("DELETE", "/installation/token", async ({ ctx, auth }) => {
    if (auth.kind !== "installation") throw badCredentials();
    auth.token.revoked = true;
    await ctx.store.save("tokens");
    return { status: 204 };
  }),
  route("GET", "/app/hook/deliveries", async ({ ctx, auth, query }) => {
    requireApp(auth);
    const all = [...ctx.store.data.deliveries].reverse().map(deliveryJson);
    const page = paginate(all, query, `${ctx.urls.api}/app/hook/deliveries`);
    return { status: 200, body: page.items, headers: page.headers };
  }),
  route("GET", "/app/hook/deliveries/:id", async ({ ctx, auth, params }) => {
    requireApp(auth);
    const d = ctx.store.data.deliveries.find((x) => x.id === Number(params.id));
    if (!d) throw notFound();
    return { status: 200, body: { ...deliveryJson(d), url: "", request: { headers: {}, payload: d.payload }, response: { headers: {}, payload: null } } };
  }),
  route("POST", "/app/hook/deliveries/:id/attempts", async ({ ctx, auth, params }) => {
    requireApp(auth);
    const d = ctx.store.data.deliveries.find((x) => x.id === Number(params.id));
    if (!d) throw notFound();
    void ctx.webhooks.redeliver(d.id);
    return { status: 202, body: {} };
  }),
];
