import { getAuditEventRoute } from "@/server/contracts/audit";
import { getAuditEvent } from "@/server/audit/get-event";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(getAuditEventRoute, ({ ctx, params }) => getAuditEvent(ctx, params.seq));
