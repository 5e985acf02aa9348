import { declineInvitationRoute } from "@/server/contracts/me";
import { withPerson } from "@/server/http/with-person";
import { declineInvitation } from "@/server/invitations/decline-invitation";

export const POST = withPerson(declineInvitationRoute, ({ ctx, params }) => declineInvitation(ctx, params.invitationId));
