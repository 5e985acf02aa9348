import { deleteVerifierProfileRoute, getVerifierProfileRoute, updateVerifierProfileRoute } from "@/server/contracts/verifier-profiles";
import { withAuthz } from "@/server/http/with-authz";
import { deleteVerifierProfile } from "@/server/verifier-profiles/delete-verifier-profile";
import { getVerifierProfile } from "@/server/verifier-profiles/get-verifier-profile";
import { updateVerifierProfile } from "@/server/verifier-profiles/update-verifier-profile";

export const GET = withAuthz(getVerifierProfileRoute, ({ ctx, params }) => getVerifierProfile(ctx, params.verifierProfileId));
export const PATCH = withAuthz(updateVerifierProfileRoute, ({ ctx, params, body }) => updateVerifierProfile(ctx, params.verifierProfileId, body));
export const DELETE = withAuthz(deleteVerifierProfileRoute, ({ ctx, params }) => deleteVerifierProfile(ctx, params.verifierProfileId));
