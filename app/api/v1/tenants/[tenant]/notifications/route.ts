import { listNotificationsRoute } from "@/server/contracts/notifications";
import { withAuthz } from "@/server/http/with-authz";
import { listNotifications } from "@/server/notifications/list-notifications";

export const GET = withAuthz(listNotificationsRoute, ({ ctx, query }) => listNotifications(ctx, query));
