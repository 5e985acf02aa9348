import { deleteModelEndpointRoute, getModelEndpointRoute, setModelEndpointRoute } from "@/server/contracts/model-endpoints";
import { withAuthz } from "@/server/http/with-authz";
import { deleteModelEndpoint } from "@/server/model-endpoints/delete-model-endpoint";
import { getModelEndpoint } from "@/server/model-endpoints/get-model-endpoint";
import { setModelEndpoint } from "@/server/model-endpoints/set-model-endpoint";

export const GET = withAuthz(getModelEndpointRoute, ({ ctx }) => getModelEndpoint(ctx));
export const PUT = withAuthz(setModelEndpointRoute, ({ ctx, body }) => setModelEndpoint(ctx, body));
export const DELETE = withAuthz(deleteModelEndpointRoute, ({ ctx }) => deleteModelEndpoint(ctx));
