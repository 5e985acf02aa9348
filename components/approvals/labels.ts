// Words and colours for kinds, risks and states; unknown kinds (a feature added later) read as words.
import type { Tone } from "../ui/badge";
import { humanize } from "../ui/humanize";
import type { ApprovalState, Risk } from "./types";

export const KIND_LABELS: Record<string, string> = {
  policy_activation: "Policy activation",
  platform_policy_activation: "Platform policy activation",
  tool_call: "Agent tool call",
  dependency_major_upgrade: "Major dependency upgrade",
  ci_workflow_change: "CI workflow change",
  campaign_launch: "Campaign launch",
  campaign_promotion: "Campaign wave promotion",
  killswitch_release: "Kill switch release",
  budget_raise: "Budget raise",
};


export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? humanize(kind);

export const RISK_TONE: Record<Risk, Tone> = { low: "neutral", medium: "amber", high: "red", critical: "red" };
export const STATE_TONE: Record<ApprovalState, Tone> = { pending: "amber", approved: "green", denied: "red", expired: "neutral", cancelled: "neutral" };
export const STATES: ApprovalState[] = ["pending", "approved", "denied", "expired", "cancelled"];

/** "policy_admin" -> "policy admin". */
export const roleLabel = (role: string) => role.replaceAll("_", " ");
