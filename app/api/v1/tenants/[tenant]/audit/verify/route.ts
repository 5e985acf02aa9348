import { verifyAuditChainRoute } from "@/server/contracts/audit";
import { verifyTenantChain } from "@/server/audit/verify-tenant-chain";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(verifyAuditChainRoute, ({ ctx }) => verifyTenantChain(ctx));
