import { syncInstallationRoute } from "@/server/contracts/github";
import { syncInstallationNow } from "@/server/github/installations/sync-installation";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(syncInstallationRoute, ({ ctx, params }) => syncInstallationNow(ctx, params.installationId));
