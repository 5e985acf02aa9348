import { acceptInvitationRoute } from "@/server/contracts/me";
import { withPerson } from "@/server/http/with-person";
import { acceptInvitation } from "@/server/invitations/accept-invitation";

export const POST = withPerson(acceptInvitationRoute, ({ ctx, params }) => acceptInvitation(ctx, params.invitationId));
