import { revokeTokenRoute } from "@/server/contracts/tokens";
import { withAuthz } from "@/server/http/with-authz";
import { revokeToken } from "@/server/tokens/revoke-token";

export const DELETE = withAuthz(revokeTokenRoute, ({ ctx, params }) => revokeToken(ctx, params.tokenId));
