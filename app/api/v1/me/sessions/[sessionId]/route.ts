import { endMySessionRoute } from "@/server/contracts/me";
import { withPerson } from "@/server/http/with-person";
import { endMySession } from "@/server/sessions/end-my-session";

export const DELETE = withPerson(endMySessionRoute, ({ ctx, params }) => endMySession(ctx, params.sessionId));
