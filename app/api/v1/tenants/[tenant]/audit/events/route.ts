import { listAuditEventsRoute } from "@/server/contracts/audit";
import { listAuditEvents } from "@/server/audit/list-events";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listAuditEventsRoute, ({ ctx, query }) => listAuditEvents(ctx, query));
