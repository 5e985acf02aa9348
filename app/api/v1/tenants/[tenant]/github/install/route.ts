import { startInstallRoute } from "@/server/contracts/github";
import { startInstall } from "@/server/github/installations/start-install";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(startInstallRoute, ({ ctx }) => startInstall(ctx));
