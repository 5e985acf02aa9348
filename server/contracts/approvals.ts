import { z } from "zod";
import { ZApprovalFilter, ZCancel, ZVote } from "../approvals/approval-input";
import { ZApprovalDetail, ZApprovalSummary } from "../approvals/approval-view";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";

const tenantParams = z.object({ tenant: ZTenantParam });
const approvalParams = z.object({ tenant: ZTenantParam, approvalId: ZId });

export const listApprovalsRoute = defineRoute({
  id: "approval.list", method: "GET", path: "/api/v1/tenants/{tenant}/approvals", tag: "approvals",
  summary: "Approval requests: view=inbox (what I may decide, most urgent first), mine (what I raised) or all (needs audit.read)",
  permission: "approval.read", params: tenantParams, query: ZApprovalFilter,
  response: z.object({ approvals: z.array(ZApprovalSummary), nextAfter: z.string().nullable() }),
  example: { query: { view: "mine" } },
});

export const approvalCountsRoute = defineRoute({
  id: "approval.counts", method: "GET", path: "/api/v1/tenants/{tenant}/approvals/counts", tag: "approvals",
  summary: "How many requests wait for me, and how many of mine are pending (for the navigation)", permission: "approval.read",
  params: tenantParams, response: z.object({ inbox: z.number().int(), mine: z.number().int() }),
});

export const getApprovalRoute = defineRoute({
  id: "approval.get", method: "GET", path: "/api/v1/tenants/{tenant}/approvals/{approvalId}", tag: "approvals",
  summary: "One request: what would happen, why, who asked, who may decide, votes, progress and similar requests",
  permission: "approval.read", params: approvalParams, response: ZApprovalDetail,
});

export const voteApprovalRoute = defineRoute({
  id: "approval.vote", method: "POST", path: "/api/v1/tenants/{tenant}/approvals/{approvalId}/votes", tag: "approvals",
  summary: "Approve or deny (reason as the rule requires). Late, duplicate or ineligible votes are refused and nothing is recorded",
  permission: "approval.decide", params: approvalParams, body: ZVote,
  response: z.object({ id: z.string(), state: z.enum(["pending", "approved", "denied"]), approvals: z.number(), denials: z.number(), progress: z.array(z.array(z.object({ approvals: z.number(), met: z.number() }))) }),
  status: 201,
  example: { body: { vote: "deny", reason: "not now" } },
});

export const cancelApprovalRoute = defineRoute({
  id: "approval.cancel", method: "POST", path: "/api/v1/tenants/{tenant}/approvals/{approvalId}/cancel", tag: "approvals",
  summary: "Withdraw a request one raised; the waiting work is abandoned", permission: "approval.cancel",
  params: approvalParams, body: ZCancel, response: z.object({ id: z.string(), state: z.literal("cancelled") }),
  example: { body: { reason: "no longer needed" } },
});
