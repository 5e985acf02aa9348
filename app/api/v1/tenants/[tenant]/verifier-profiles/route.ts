import { createVerifierProfileRoute, listVerifierProfilesRoute } from "@/server/contracts/verifier-profiles";
import { withAuthz } from "@/server/http/with-authz";
import { createVerifierProfile } from "@/server/verifier-profiles/create-verifier-profile";
import { listVerifierProfiles } from "@/server/verifier-profiles/list-verifier-profiles";

export const GET = withAuthz(listVerifierProfilesRoute, ({ ctx }) => listVerifierProfiles(ctx));
export const POST = withAuthz(createVerifierProfileRoute, ({ ctx, body }) => createVerifierProfile(ctx, body));
