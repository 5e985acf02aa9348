// The JSON every delivery carries: `text`, one plain sentence with the link (what a Slack incoming
// webhook or a chat bridge shows as is), and the structured fields a program reads.
import type { ApprovalRequest } from "../db/generated/client";
import { approvalPath, consoleUrl, inboxPath } from "../notifications/console-url";
import type { DeliveryEvent } from "./events";

type Req = Pick<ApprovalRequest, "id" | "kind" | "title" | "risk" | "requesterLabel" | "expiresAt" | "state" | "outcomeReason" | "createdAt">;

export type RequestFields = {
  id: string; kind: string; title: string; risk: string; requester: string; state: string; createdAt: string; expiresAt: string; link: string;
  outcomeReason?: string | null;
};

export type WebhookPayload = {
  event: DeliveryEvent;
  text: string;
  tenant: string;
  occurredAt: string;
  request?: RequestFields;
  pending?: { count: number; threshold: number; requests: RequestFields[]; link: string };
  /** Amounts are exact decimal strings in the currency named. */
  budget?: { id: string; name: string; scope: string; mode: string; period: string; threshold: number; spent: string; limit: string; currency: string; link: string };
};

export function requestFields(tenantSlug: string, r: Req): RequestFields {
  return {
    id: r.id, kind: r.kind, title: r.title, risk: r.risk, requester: r.requesterLabel, state: r.state,
    createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), link: consoleUrl(approvalPath(tenantSlug, r.id)),
    ...(r.state !== "pending" ? { outcomeReason: r.outcomeReason } : {}),
  };
}

const minute = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
// Titles and reasons come from people and agents: one line, bounded, and with Slack's three control
// characters escaped, so a title can neither break the sentence nor ping a channel (<!channel>).
export const plainText = (s: string, max: number) => s.replace(/\s+/g, " ").trim().slice(0, max).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const quoted = (s: string) => `"${plainText(s, 160)}"`;

export function requestedPayload(tenantSlug: string, r: Req): WebhookPayload {
  const request = requestFields(tenantSlug, r);
  return {
    event: "approval.requested", tenant: tenantSlug, occurredAt: r.createdAt.toISOString(), request,
    text: `Approval needed in ${tenantSlug}: ${quoted(r.title)} (${r.kind}, ${r.risk} risk), asked by ${r.requesterLabel}; expires ${minute(r.expiresAt)}. ${request.link}`,
  };
}

const OUTCOME_WORDS: Record<string, string> = { approved: "was approved", denied: "was denied", expired: "expired without a decision", cancelled: "was cancelled" };

export function decidedPayload(tenantSlug: string, r: Req & { decidedAt: Date | null }): WebhookPayload {
  const request = requestFields(tenantSlug, r);
  const why = r.outcomeReason && r.state !== "expired" ? ` (${plainText(r.outcomeReason, 200)})` : "";
  return {
    event: "approval.decided", tenant: tenantSlug, occurredAt: (r.decidedAt ?? new Date()).toISOString(), request,
    text: `Approval request ${quoted(r.title)} in ${tenantSlug} ${OUTCOME_WORDS[r.state] ?? `is ${r.state}`}${why}. ${request.link}`,
  };
}

/** `oldest`: the most urgent pending requests (first to expire), at most a handful. */
export function digestPayload(tenantSlug: string, count: number, threshold: number, oldest: Req[], at: Date): WebhookPayload {
  const link = consoleUrl(inboxPath(tenantSlug));
  const first = oldest[0];
  const next = first ? ` The first to expire: ${quoted(first.title)} at ${minute(first.expiresAt)}.` : "";
  return {
    event: "approval.digest", tenant: tenantSlug, occurredAt: at.toISOString(),
    pending: { count, threshold, requests: oldest.map((r) => requestFields(tenantSlug, r)), link },
    text: `${count} approval requests are waiting in ${tenantSlug} (more than ${threshold}, so they are summarised, at most every 15 minutes).${next} ${link}`,
  };
}

export function pingPayload(tenantSlug: string, by: string, at: Date): WebhookPayload {
  return {
    event: "ping", tenant: tenantSlug, occurredAt: at.toISOString(),
    text: `Test event from Fleetgate (${tenantSlug}), sent by ${plainText(by, 200)}: this webhook is reachable.`,
  };
}
