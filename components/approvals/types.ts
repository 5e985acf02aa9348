// The approvals API's shapes as the browser sees them (types only: nothing from server/ runs here).
import type { z } from "zod";
import type { approvalCountsRoute, listApprovalsRoute, voteApprovalRoute } from "@/server/contracts/approvals";
import type { ApprovalSummary } from "@/server/approvals/approval-view";
import type { ApprovalDetail } from "@/server/approvals/approval-view";

export type { ApprovalDetail, ApprovalSummary };
export type ApprovalPage = z.infer<(typeof listApprovalsRoute)["response"]>;
export type ApprovalCounts = z.infer<(typeof approvalCountsRoute)["response"]>;
export type VoteResult = z.infer<(typeof voteApprovalRoute)["response"]>;
export type ApprovalState = ApprovalSummary["state"];
export type Risk = ApprovalSummary["risk"];
export type Rule = ApprovalDetail["rule"];
export type Threshold = Rule["alternatives"][number][number];
