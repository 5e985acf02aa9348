import { markNotificationsReadRoute } from "@/server/contracts/notifications";
import { withAuthz } from "@/server/http/with-authz";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read";

export const POST = withAuthz(markNotificationsReadRoute, ({ ctx, body }) => markNotificationsRead(ctx, body));
