import { listInvitationsRoute } from "@/server/contracts/members";
import { withAuthz } from "@/server/http/with-authz";
import { listInvitations } from "@/server/invitations/list-invitations";

export const GET = withAuthz(listInvitationsRoute, ({ ctx }) => listInvitations(ctx));
