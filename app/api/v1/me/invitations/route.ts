import { listMyInvitationsRoute } from "@/server/contracts/me";
import { withPerson } from "@/server/http/with-person";
import { listMyInvitations } from "@/server/invitations/list-my-invitations";

export const GET = withPerson(listMyInvitationsRoute, ({ ctx }) => listMyInvitations(ctx));
