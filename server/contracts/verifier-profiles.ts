import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZCreateVerifierProfile, ZUpdateVerifierProfile } from "../verifier-profiles/verifier-profile-input";
import { ZVerifierProfile } from "../verifier-profiles/verifier-profile-view";

const tenantParams = z.object({ tenant: ZTenantParam });
const profileParams = z.object({ tenant: ZTenantParam, verifierProfileId: ZId });

export const listVerifierProfilesRoute = defineRoute({
  id: "verifier_profile.list", method: "GET", path: "/api/v1/tenants/{tenant}/verifier-profiles", tag: "verifier-profiles",
  summary: "The tenant's verifier profiles by name: each step's command (argv, run without a shell or network) and time limit, and the repositories using it",
  permission: "verifier_profile.read", params: tenantParams, response: z.object({ profiles: z.array(ZVerifierProfile) }),
});

export const createVerifierProfileRoute = defineRoute({
  id: "verifier_profile.create", method: "POST", path: "/api/v1/tenants/{tenant}/verifier-profiles", tag: "verifier-profiles",
  summary: "Add a verifier profile: a name repositories pick it by (fixed once created) and up to 20 steps, each a command as argv with a time limit of 1 to 3600 s",
  permission: "verifier_profile.manage", params: tenantParams, body: ZCreateVerifierProfile, response: ZVerifierProfile, status: 201,
  example: {
    body: {
      name: "make-check", description: "Builds with make, then runs the test suite",
      steps: [{ name: "build", argv: ["make"], timeoutSeconds: 600 }, { name: "unit-tests", argv: ["make", "check"], timeoutSeconds: 900 }],
    },
  },
});

export const getVerifierProfileRoute = defineRoute({
  id: "verifier_profile.get", method: "GET", path: "/api/v1/tenants/{tenant}/verifier-profiles/{verifierProfileId}", tag: "verifier-profiles",
  summary: "One verifier profile with the repositories using it", permission: "verifier_profile.read",
  params: profileParams, response: ZVerifierProfile,
});

export const updateVerifierProfileRoute = defineRoute({
  id: "verifier_profile.update", method: "PATCH", path: "/api/v1/tenants/{tenant}/verifier-profiles/{verifierProfileId}", tag: "verifier-profiles",
  summary: "Change a profile's description or steps; runs already admitted keep the steps they were admitted with",
  permission: "verifier_profile.manage", params: profileParams, body: ZUpdateVerifierProfile, response: ZVerifierProfile,
  example: { body: { description: "Node: modules parse, tests pass" } },
});

export const deleteVerifierProfileRoute = defineRoute({
  id: "verifier_profile.delete", method: "DELETE", path: "/api/v1/tenants/{tenant}/verifier-profiles/{verifierProfileId}", tag: "verifier-profiles",
  summary: "Remove a profile no repository uses (409 naming the repositories otherwise); runs keep their own copy",
  permission: "verifier_profile.manage", params: profileParams, response: ZVerifierProfile,
});
