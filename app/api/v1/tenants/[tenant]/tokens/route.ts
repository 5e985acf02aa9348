import { createTokenRoute, listTokensRoute } from "@/server/contracts/tokens";
import { withAuthz } from "@/server/http/with-authz";
import { createToken } from "@/server/tokens/create-token";
import { listTokens } from "@/server/tokens/list-tokens";

export const GET = withAuthz(listTokensRoute, ({ ctx }) => listTokens(ctx));
export const POST = withAuthz(createTokenRoute, ({ ctx, body }) => createToken(ctx, body));
