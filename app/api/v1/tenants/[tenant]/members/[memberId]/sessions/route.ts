import { endMemberSessionsRoute } from "@/server/contracts/members";
import { withAuthz } from "@/server/http/with-authz";
import { endMemberSessions } from "@/server/members/end-member-sessions";

export const DELETE = withAuthz(endMemberSessionsRoute, ({ ctx, params }) => endMemberSessions(ctx, params.memberId));
