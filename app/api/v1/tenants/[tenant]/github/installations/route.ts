import { bindInstallationRoute, listInstallationsRoute } from "@/server/contracts/github";
import { bindInstallation } from "@/server/github/installations/bind-installation";
import { listInstallations } from "@/server/github/installations/list-installations";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listInstallationsRoute, ({ ctx }) => listInstallations(ctx));
export const POST = withAuthz(bindInstallationRoute, ({ ctx, body }) => bindInstallation(ctx, body));
