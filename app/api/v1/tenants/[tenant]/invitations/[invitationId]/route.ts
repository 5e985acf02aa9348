import { withdrawInvitationRoute } from "@/server/contracts/members";
import { withAuthz } from "@/server/http/with-authz";
import { withdrawInvitation } from "@/server/invitations/withdraw-invitation";

export const DELETE = withAuthz(withdrawInvitationRoute, ({ ctx, params }) => withdrawInvitation(ctx, params.invitationId));
