// A real OpenID Connect provider (node-oidc-provider) on loopback, for the single sign-on journey.
// Its development login form accepts any login; the login is both the subject and the e-mail.
import type { Server } from "node:http";
import Provider from "oidc-provider";
import { E2E_OIDC_PORT } from "./env";

export const OIDC_PORT = E2E_OIDC_PORT;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT_ID = "fleetgate-e2e";
export const OIDC_CLIENT_SECRET = "e2e-oidc-client-secret-not-for-production";

export async function startOidcProvider(appBaseUrl: string): Promise<{ close: () => Promise<void> }> {
  const provider = new Provider(OIDC_ISSUER, {
    clients: [{
      client_id: OIDC_CLIENT_ID,
      client_secret: OIDC_CLIENT_SECRET,
      redirect_uris: [`${appBaseUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    // Put the e-mail in the ID token, as most providers do: Fleetgate reads the person from it.
    conformIdTokenClaims: false,
    async findAccount(_ctx, id) {
      // The typed login is the account id and the subject.
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: id, email_verified: true, name: id.split("@")[0] };
        },
      };
    },
  });
  provider.proxy = false;
  // Errors inside the provider only show as "server_error" in the browser: say why here.
  provider.on("server_error", (_ctx: unknown, err: Error) => console.error(`oidc provider: ${err.stack ?? err.message}`));
  const server: Server = provider.listen(OIDC_PORT);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}
