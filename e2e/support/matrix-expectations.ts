// The authorization matrix's expectations: what each caller gets from each route in each tenant,
// computed from the permission registry (anonymous -> 401; a tenant that is not the caller's -> 404;
// a missing permission -> 403 naming it), then the domain rules the fixtures reach, route by route
// (DOMAIN_RULES: what a caller holding the permission gets instead of success). A new route whose
// fixture meets a rule of its operation adds it here.
import { ROUTES } from "../../server/contracts/routes";
import { describeRule, effectiveApprovalRule, eligibleFilters } from "../../server/approvals/effective-approval-rule";
import type { Permission } from "../../server/authz/permissions";
import type { RouteContract } from "../../server/http/define-route";
import { defaultPolicySets } from "../../server/test/policy-sets";
import { rolesIn } from "../fixtures";
import { grantedTo, type MatrixCaller } from "./matrix-callers";

/** contentType: what a success answers when not JSON (a route that produces a CSV download). */
export type Expectation = { status: number; message?: string | RegExp; contentType?: string };

// The approval request the fixtures make is a policy version's activation, raised by the policy
// author (none of the callers): the platform's rule for it says who may vote, and the message names it.
const ACTIVATION_RULE = effectiveApprovalRule(defaultPolicySets().active, "policy_activation")!;
const NOT_ELIGIBLE = `not eligible: the approval rule (${ACTIVATION_RULE.sources.join(", ")}) asks for ${describeRule(ACTIVATION_RULE)}`;
const acceptedByRule = (c: MatrixCaller, tenant: string) =>
  c.kind === "persona" && rolesIn(c.persona, tenant).some((r) => eligibleFilters(ACTIVATION_RULE).roles.includes(r));

/**
 * Rules inside the operations, on top of the route's permission, that the matrix's fixtures reach:
 * what a caller holding the permission gets instead of success (undefined: success).
 */
const BIND_BECAUSE = ROUTES.find((r) => r.id === "github.installation.bind")!.alsoRequires![0]!.because;

const DOMAIN_RULES: Record<string, (c: MatrixCaller, tenant: string, granted: ReadonlySet<Permission>) => Expectation | undefined> = {
  "token.create": (c) => (c.kind === "token" ? { status: 403, message: "API tokens cannot create API tokens" } : undefined),
  // A vote is a person's, and one the rule accepts (a token acts for nobody in particular).
  "approval.vote": (c, tenant) => (acceptedByRule(c, tenant) ? undefined : { status: 403, message: NOT_ELIGIBLE }),
  // Only who raised a request withdraws it; api-approvals.spec.ts covers the requester.
  "approval.cancel": () => ({ status: 403, message: "only the person who raised a request can withdraw it" }),
  // A request is seen by those who oversee (audit.read), the requester, its author and who may decide it.
  "approval.get": (c, tenant, granted) => (granted.has("audit.read") || acceptedByRule(c, tenant) ? undefined : { status: 404, message: "approval request not found" }),
  // The policy (run-cancel-own-or-admin): the fixture run's requester is none of the callers.
  // The fixture run waits for approval: it has not ended, so there is nothing to retry yet.
  "run.retry": () => ({ status: 409, message: /only a run that ended can be retried/ }),
  "run.cancel": (c, tenant) => (isAdminIn(c, tenant) ? undefined : { status: 403, message: /only the requester or an admin may cancel this run/ }),
  // The fixture is an installation bound to no tenant: binding it is a platform admin's (github.bind).
  "github.installation.bind": (_c, _tenant, granted) => (granted.has("github.bind") ? undefined : { status: 403, message: `missing permission github.bind: ${BIND_BECAUSE}` }),
  // The fixture installation is one the e2e tier's GitHub (its twin) does not have: syncing asks it.
  "github.installation.sync": () => ({ status: 404, message: /^GitHub has no installation \d+ of this App/ }),
  // The fixture campaign is a draft: it launches, but neither pauses, resumes nor promotes a wave.
  "campaign.pause": () => ({ status: 409, message: "the campaign is draft: only a running campaign can be paused" }),
  "campaign.resume": () => ({ status: 409, message: "the campaign is draft: only a paused campaign can be resumed" }),
  "campaign.promote": () => ({ status: 409, message: "the campaign is draft: only a running campaign's next wave can be promoted" }),
  // A draft has no changesets: bulk actions and retry failed answer its state before reading the ids.
  "campaign.changesets.bulk": () => ({ status: 409, message: "the campaign is draft: it has no changesets yet" }),
  "campaign.retry_failed": () => ({ status: 409, message: "the campaign is draft: only a running or paused campaign's failed runs can be retried" }),
};

// A token holds permissions but no roles, so role conditions in attribute rules never count it as an admin.
const isAdminIn = (c: MatrixCaller, tenant: string) => c.kind === "persona" && (c.persona.platformAdmin || rolesIn(c.persona, tenant).includes("tenant_admin"));

export function expectationFor(c: MatrixCaller, tenant: string, route: RouteContract): Expectation {
  if (c.kind === "anonymous") return { status: 401 };
  const granted = grantedTo(c, tenant);
  if (!granted) return { status: 404, message: "tenant not found" };
  if (!granted.has(route.permission)) return { status: 403, message: `missing permission ${route.permission}` };
  return DOMAIN_RULES[route.id]?.(c, tenant, granted) ?? { status: route.status ?? 200, ...(route.produces ? { contentType: route.produces } : {}) };
}
