import { getTenantRoute } from "@/server/contracts/tenants";
import { withAuthz } from "@/server/http/with-authz";
import { describeTenant } from "@/server/tenants/describe-tenant";

export const GET = withAuthz(getTenantRoute, async ({ ctx }) => describeTenant(ctx));
