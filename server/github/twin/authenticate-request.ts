// Who is calling: the app (a JWT), an installation (a `ghs_` token, as `token` or `Bearer`), or
// nobody. A credential that is present but wrong is a 401 at once, as on GitHub; what each
// route then demands is checked by the require* helpers.
import { verifyAppJwt } from "./app-jwt";
import { badCredentials, GithubError, notAccessible, notFound } from "./github-error";
import { permits, tokenIsLive, tokenRepositories } from "./installation-access";
import type { TwinStore } from "./twin-store";
import type { PermissionLevel, TwinInstallation, TwinRepository, TwinToken } from "./twin-types";

export type TwinAuth = { kind: "anonymous" } | { kind: "app" } | { kind: "installation"; token: TwinToken; installation: TwinInstallation };

export function authenticateRequest(store: TwinStore, authorization: string | undefined): TwinAuth {
  if (!authorization) return { kind: "anonymous" };
  const m = /^(token|bearer)\s+(\S+)$/i.exec(authorization.trim());
  const scheme = m?.[1]?.toLowerCase();
  const credential = m?.[2];
  if (!scheme || !credential) throw badCredentials();
  if (credential.split(".").length === 3) {
    if (scheme !== "bearer") throw badCredentials();
    const app = store.data.app;
    if (!app) throw badCredentials();
    verifyAppJwt(credential, app);
    return { kind: "app" };
  }
  return installationAuth(store, credential);
}

/** A token as given (an API header or git's Basic password): live, or 401. */
export function installationAuth(store: TwinStore, credential: string): Extract<TwinAuth, { kind: "installation" }> {
  const token = store.data.tokens.find((t) => t.token === credential);
  if (!token || !tokenIsLive(token)) throw badCredentials();
  const installation = store.data.installations.find((i) => i.id === token.installationId);
  if (!installation) throw badCredentials();
  return { kind: "installation", token, installation };
}

export function requireApp(auth: TwinAuth): void {
  if (auth.kind === "app") return;
  if (auth.kind === "anonymous") throw new GithubError(401, "Requires authentication");
  throw new GithubError(401, "A JSON web token could not be decoded");
}

export function requireInstallation(auth: TwinAuth): Extract<TwinAuth, { kind: "installation" }> {
  if (auth.kind === "installation") return auth;
  if (auth.kind === "anonymous") throw new GithubError(401, "Requires authentication");
  throw notAccessible();
}

/**
 * The repository, when the token's grant reaches it and carries the permission. Repositories are
 * private: one outside the grant is a 404, exactly like a missing one; a missing permission on a
 * reachable repository is GitHub's 403 "Resource not accessible by integration".
 */
export function requireRepository(store: TwinStore, auth: TwinAuth, owner: string, name: string, permission: [string, PermissionLevel] = ["metadata", "read"]): TwinRepository {
  const repo = store.data.repositories.find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase());
  if (auth.kind === "anonymous") throw notFound();
  if (auth.kind === "app") throw notAccessible();
  if (!repo || !tokenRepositories(store.data, auth.token).some((r) => r.id === repo.id)) throw notFound();
  if (!permits(auth.token.permissions, permission[0], permission[1])) throw notAccessible();
  return repo;
}
