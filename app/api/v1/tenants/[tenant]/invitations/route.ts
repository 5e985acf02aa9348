import { listInvitationsRoute } from "@/server/api/members";
import { withAuthz } from "@/server/http/with-authz";
import { listInvitations } from "@/server/invitations/list-invitations";

export const GET = withAuthz(listInvitationsRoute, ({ ctx }) => listInvitations(ctx));
