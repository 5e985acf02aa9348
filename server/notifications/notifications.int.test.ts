// In-app notifications against the real database: one per request per eligible person however
// often it is asked, one's own list (newest first, unread count, pages), and marking read that only
// ever touches one's own.
import { afterAll, describe, expect, it } from "vitest";
import { requestApproval } from "../approvals/request-approval";
import { db, disconnectDb } from "../db/client";
import { as, person, raise, reading, tenantWithPeople } from "../webhooks/test-support";
import { listNotifications } from "./list-notifications";
import { markNotificationsRead } from "./mark-notifications-read";
import { notifyApprovers } from "./notify-approvers";

afterAll(() => disconnectDb());

describe("in-app notifications", () => {
  it("are written once per request per eligible person, never to the requester", async () => {
    const t = await tenantWithPeople("notif-dedupe");
    const viewer = await person(t.tenant, ["viewer"], "viewer");
    const r = await raise(t.tenant, t.operator, "Needs the network");
    // Asked again for the same subject and action: the same request, no new notification.
    const row = await db.approvalRequest.findUniqueOrThrow({ where: { id: r.id } });
    const again = await as(t.operator, t.tenant, async (ctx) => {
      const same = await requestApproval(ctx, { kind: row.kind, subjectType: row.subjectType, subjectId: row.subjectId, action: row.action, title: row.title, proposal: {}, risk: "high" });
      await ctx.audit({ action: "test.ask-again", resourceType: "approval", resourceId: row.id });
      return same;
    });
    expect(again).toMatchObject({ id: r.id, created: false });
    // Notifying again (a retried step) writes nothing.
    expect(await as(t.admin, t.tenant, async (ctx) => {
      const n = await notifyApprovers(ctx, row);
      await ctx.audit({ action: "test.renotify", resourceType: "approval", resourceId: row.id });
      return n;
    })).toBe(0);
    const rows = await db.notification.findMany({ where: { requestId: r.id }, select: { userId: true, dedupeKey: true, kind: true } });
    expect(rows.map((x) => x.userId).sort()).toEqual([t.approver.id, t.approver2.id, t.admin.id].sort());
    expect(new Set(rows.map((x) => x.dedupeKey))).toEqual(new Set([`approval.requested:${r.id}`]));
    expect(rows.some((x) => x.userId === t.operator.id || x.userId === viewer.id)).toBe(false);
  });

  it("list one's own, newest first, with the unread count, page by page", async () => {
    const t = await tenantWithPeople("notif-list");
    const raised = [];
    for (let i = 0; i < 5; i++) raised.push(await raise(t.tenant, t.operator, `Request ${i}`));
    const first = await reading(t.approver, t.tenant, (ctx) => listNotifications(ctx, { limit: 3 }));
    expect(first.unread).toBe(5);
    expect(first.notifications.map((n) => n.title)).toEqual(["Approval needed: Request 4", "Approval needed: Request 3", "Approval needed: Request 2"]);
    expect(first.notifications[0]).toMatchObject({ kind: "approval.requested", requestId: raised[4]!.id, requestState: "pending", readAt: null, link: `/${t.tenant.slug}/approvals/${raised[4]!.id}` });
    const second = await reading(t.approver, t.tenant, (ctx) => listNotifications(ctx, { limit: 3, after: first.nextAfter! }));
    expect(second.notifications.map((n) => n.title)).toEqual(["Approval needed: Request 1", "Approval needed: Request 0"]);
    expect(second.nextAfter).toBeNull();
    // The requester has none of these.
    expect((await reading(t.operator, t.tenant, (ctx) => listNotifications(ctx, { limit: 20 }))).notifications).toHaveLength(0);
  });

  it("are marked read only for oneself, in this tenant", async () => {
    const t = await tenantWithPeople("notif-read");
    const other = await tenantWithPeople("notif-read-other");
    // The approver also approves in another tenant, where they have unread notifications too.
    await db.membership.create({ data: { tenantId: other.tenant.id, userId: t.approver.id, roles: ["approver"] } });
    const a = await raise(t.tenant, t.operator, "First");
    const b = await raise(t.tenant, t.operator, "Second");
    await raise(other.tenant, other.operator, "Elsewhere");
    const theirs = await db.notification.findMany({ where: { userId: t.approver2.id }, select: { id: true } });
    const mine = await db.notification.findMany({ where: { userId: t.approver.id, requestId: a.id }, select: { id: true } });

    // Someone else's ids change nothing, and are not an error.
    const r1 = await as(t.approver, t.tenant, (ctx) => markNotificationsRead(ctx, { ids: theirs.map((x) => x.id) }));
    expect(r1).toEqual({ updated: 0, unread: 2 });
    expect(await db.notification.count({ where: { userId: t.approver2.id, readAt: null } })).toBe(2);

    const r2 = await as(t.approver, t.tenant, (ctx) => markNotificationsRead(ctx, { ids: [...mine.map((x) => x.id), ...theirs.map((x) => x.id)] }));
    expect(r2).toEqual({ updated: 1, unread: 1 });
    const r3 = await as(t.approver, t.tenant, (ctx) => markNotificationsRead(ctx, { all: true }));
    expect(r3).toEqual({ updated: 1, unread: 0 });
    expect(await db.notification.count({ where: { userId: t.approver.id, tenantId: other.tenant.id, readAt: null } })).toBe(1);
    expect(await db.notification.count({ where: { userId: t.approver2.id, readAt: null } })).toBe(2);
    const read = await reading(t.approver, t.tenant, (ctx) => listNotifications(ctx, { limit: 10 }));
    expect(read.notifications.every((n) => n.readAt !== null)).toBe(true);
    expect((await reading(t.approver, t.tenant, (ctx) => listNotifications(ctx, { limit: 10, unread: true }))).notifications).toHaveLength(0);
    expect(b.id).toBeTruthy();

    const audit = await db.auditEvent.findMany({ where: { tenantId: t.tenant.id, action: "notification.mark_read" }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => e.after)).toEqual([
      { scope: "ids", requested: 2, updated: 0 },
      { scope: "ids", requested: 3, updated: 1 },
      { scope: "all", requested: null, updated: 1 },
    ]);
    expect(audit.every((e) => e.actorId === t.approver.id)).toBe(true);
  });
});
