// The signed-in person's own things, under /api/v1/me: their sessions and the invitations waiting
// for their answer. Served by withPerson; no tenant permission applies, and API tokens are refused.
import { z } from "zod";
import { definePersonalRoute, ZId } from "../http/define-route";
import { ZAcceptedInvitation, ZMyInvitation } from "../invitations/invitation-view";
import { ZSession } from "../sessions/session-view";

const none = z.object({});
const sessionParams = z.object({ sessionId: ZId });
const invitationParams = z.object({ invitationId: ZId });

export const listMySessionsRoute = definePersonalRoute({
  id: "session.list", method: "GET", path: "/api/v1/me/sessions", tag: "me",
  summary: "My open sessions (signed-in browsers)", params: none, response: z.object({ sessions: z.array(ZSession) }),
});

export const signOutEverywhereRoute = definePersonalRoute({
  id: "session.end_all", method: "DELETE", path: "/api/v1/me/sessions", tag: "me",
  summary: "Sign out everywhere: end every session of mine, this one included", params: none,
  response: z.object({ ended: z.number().int() }),
});

export const endMySessionRoute = definePersonalRoute({
  id: "session.end", method: "DELETE", path: "/api/v1/me/sessions/{sessionId}", tag: "me",
  summary: "End one of my sessions", params: sessionParams,
  response: z.object({ ended: z.literal(true), id: z.string(), current: z.boolean() }),
});

export const listMyInvitationsRoute = definePersonalRoute({
  id: "invitation.list_mine", method: "GET", path: "/api/v1/me/invitations", tag: "me",
  summary: "Invitations to my e-mail address waiting for my answer", params: none,
  response: z.object({ invitations: z.array(ZMyInvitation) }),
});

export const acceptInvitationRoute = definePersonalRoute({
  id: "invitation.accept", method: "POST", path: "/api/v1/me/invitations/{invitationId}/accept", tag: "me",
  summary: "Accept an invitation: I become a member of its tenant with its roles", params: invitationParams,
  response: ZAcceptedInvitation,
});

export const declineInvitationRoute = definePersonalRoute({
  id: "invitation.decline", method: "POST", path: "/api/v1/me/invitations/{invitationId}/decline", tag: "me",
  summary: "Decline an invitation", params: invitationParams,
  response: z.object({ declined: z.literal(true), id: z.string() }),
});
