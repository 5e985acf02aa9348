import { getInstallationRoute, unbindInstallationRoute } from "@/server/contracts/github";
import { getInstallation } from "@/server/github/installations/list-installations";
import { unbindInstallation } from "@/server/github/installations/unbind-installation";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(getInstallationRoute, ({ ctx, params }) => getInstallation(ctx, params.installationId));
export const DELETE = withAuthz(unbindInstallationRoute, ({ ctx, params }) => unbindInstallation(ctx, params.installationId));
