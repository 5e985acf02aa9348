import { z } from "zod";
import { defineRoute, ZTenantParam } from "../http/define-route";
import { ZMarkRead, ZNotificationFilter } from "../notifications/notification-input";
import { ZNotificationList } from "../notifications/notification-view";

const tenantParams = z.object({ tenant: ZTenantParam });

export const listNotificationsRoute = defineRoute({
  id: "notification.list", method: "GET", path: "/api/v1/tenants/{tenant}/notifications", tag: "notifications",
  summary: "My notifications in this tenant, newest first, with my unread count", permission: "notification.read",
  params: tenantParams, query: ZNotificationFilter, response: ZNotificationList,
  example: { query: { unread: "true", limit: "10" } },
});

export const markNotificationsReadRoute = defineRoute({
  id: "notification.mark_read", method: "POST", path: "/api/v1/tenants/{tenant}/notifications/read", tag: "notifications",
  summary: "Mark my notifications read: { ids } for some, { all: true } for all; other people's are never touched",
  permission: "notification.update", params: tenantParams, body: ZMarkRead,
  response: z.object({ updated: z.number().int(), unread: z.number().int() }),
  example: { body: { all: true } },
});
