import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZChangesetFilter } from "../github/changesets/changeset-input";
import { ZChangesetDetail, ZChangesetSummary } from "../github/changesets/changeset-view";

const tenantParams = z.object({ tenant: ZTenantParam });

export const listChangesetsRoute = defineRoute({
  id: "changeset.list", method: "GET", path: "/api/v1/tenants/{tenant}/changesets", tag: "changesets",
  summary: "Agents' pull requests (changesets), newest first, filtered by state, repository, task class, mode, risk level (low, medium, high), review state, checks state and campaign; keyset-paged (after=nextAfter)",
  permission: "changeset.read", params: tenantParams, query: ZChangesetFilter,
  response: z.object({ changesets: z.array(ZChangesetSummary), nextAfter: z.string().nullable() }),
  example: { query: { limit: "20" } },
});

export const getChangesetRoute = defineRoute({
  id: "changeset.get", method: "GET", path: "/api/v1/tenants/{tenant}/changesets/{changesetId}", tag: "changesets",
  summary: "One pull request: branch, PR, state, reviews and checks, the risk score with each part, exact time to first review and to merge, its timeline and the provenance of the run that published it",
  permission: "changeset.read", params: z.object({ tenant: ZTenantParam, changesetId: ZId }), response: ZChangesetDetail,
});

export const getRunChangesetRoute = defineRoute({
  id: "run.changeset", method: "GET", path: "/api/v1/tenants/{tenant}/runs/{runId}/changeset", tag: "changesets",
  summary: "The pull request a run published through (its own, or its task's when a later attempt published), or null when it has none",
  permission: "changeset.read", params: z.object({ tenant: ZTenantParam, runId: ZId }), response: z.object({ changeset: ZChangesetDetail.nullable() }),
});
