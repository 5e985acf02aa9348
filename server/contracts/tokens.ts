import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZCreateToken } from "../tokens/token-input";
import { ZApiToken, ZCreatedToken } from "../tokens/token-view";

const tenantParams = z.object({ tenant: ZTenantParam });

export const listTokensRoute = defineRoute({
  id: "token.list", method: "GET", path: "/api/v1/tenants/{tenant}/tokens", tag: "tokens",
  summary: "List API tokens (never their secret)", permission: "token.read", params: tenantParams,
  response: z.object({ tokens: z.array(ZApiToken) }),
});

export const createTokenRoute = defineRoute({
  id: "token.create", method: "POST", path: "/api/v1/tenants/{tenant}/tokens", tag: "tokens",
  summary: "Create an API token; the response carries the token, shown once", permission: "token.manage",
  params: tenantParams, body: ZCreateToken, response: ZCreatedToken, status: 201,
  example: { body: { name: "ci", roles: ["viewer"], expiresInDays: 30 } },
});

export const revokeTokenRoute = defineRoute({
  id: "token.revoke", method: "DELETE", path: "/api/v1/tenants/{tenant}/tokens/{tokenId}", tag: "tokens",
  summary: "Revoke an API token", permission: "token.manage",
  params: z.object({ tenant: ZTenantParam, tokenId: ZId }), response: ZApiToken,
});
