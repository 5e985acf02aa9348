import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZCreateRepository, ZListRepositoriesQuery, ZUpdateRepository } from "../repositories/repository-input";
import { ZRepository } from "../repositories/repository-view";

const tenantParams = z.object({ tenant: ZTenantParam });
const repoParams = z.object({ tenant: ZTenantParam, repositoryId: ZId });

export const listRepositoriesRoute = defineRoute({
  id: "repository.list", method: "GET", path: "/api/v1/tenants/{tenant}/repositories", tag: "repositories",
  summary: "List repositories, filtered by risk tier, team or name; paged", permission: "repository.read",
  params: tenantParams, query: ZListRepositoriesQuery,
  response: z.object({ repositories: z.array(ZRepository), nextCursor: z.string().nullable() }),
  example: { query: { riskTier: "high" } },
});

export const createRepositoryRoute = defineRoute({
  id: "repository.create", method: "POST", path: "/api/v1/tenants/{tenant}/repositories", tag: "repositories",
  summary: "Register a repository with its risk tier", permission: "repository.manage",
  params: tenantParams, body: ZCreateRepository, response: ZRepository, status: 201,
  example: { body: { owner: "example", name: "new-service", riskTier: "standard" } },
});

export const updateRepositoryRoute = defineRoute({
  id: "repository.update", method: "PATCH", path: "/api/v1/tenants/{tenant}/repositories/{repositoryId}", tag: "repositories",
  summary: "Change a repository's risk tier, default branch or owning team", permission: "repository.manage",
  params: repoParams, body: ZUpdateRepository, response: ZRepository,
  example: { body: { riskTier: "high" } },
});

export const deleteRepositoryRoute = defineRoute({
  id: "repository.delete", method: "DELETE", path: "/api/v1/tenants/{tenant}/repositories/{repositoryId}", tag: "repositories",
  summary: "Remove a repository from Fleetgate", permission: "repository.manage",
  params: repoParams, response: z.object({ deleted: z.literal(true), id: z.string() }),
});
