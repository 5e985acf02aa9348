import { z } from "zod";
import { defineRoute, ZTenantParam } from "../http/define-route";

export const getTenantRoute = defineRoute({
  id: "tenant.get", method: "GET", path: "/api/v1/tenants/{tenant}", tag: "tenants",
  summary: "The tenant, and the caller's roles and permissions in it", permission: "tenant.read",
  params: z.object({ tenant: ZTenantParam }),
  response: z.object({
    tenant: z.object({ id: z.string(), slug: z.string(), name: z.string(), status: z.string() }),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
  }),
});
