// What the API and the console show of policy documents, versions and activation requests.
import { z } from "zod";
import type { Scope } from "../authz/scope";
import { ZApprovalSummary } from "../approvals/approval-view";
import { EFFECTS, LEVELS } from "./document-schema";
import { mayChange, PLATFORM_SCOPE } from "./policy-scope";

export const ZVersionState = z.enum(["draft", "shadow", "active", "retired"]);

export const ZPolicyVersionSummary = z.object({
  number: z.number().int(),
  state: ZVersionState,
  message: z.string(),
  authorLabel: z.string(),
  contentHash: z.string(),
  createdAt: z.string(),
  stateAt: z.string(),
});

export const ZPolicyVersion = ZPolicyVersionSummary.extend({ content: z.string(), tests: z.string() });

export const ZPolicyDocumentSummary = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(LEVELS),
  target: z.string().nullable(),
  scope: z.enum(["platform", "tenant"]),
  /** May the caller save versions of it (platform documents also need policy.platform). */
  editable: z.boolean(),
  active: ZPolicyVersionSummary.nullable(),
  shadow: ZPolicyVersionSummary.nullable(),
  latest: ZPolicyVersionSummary,
  /** The approval request waiting to activate one of its versions. */
  pending: ZApprovalSummary.extend({ versionNumber: z.number().int() }).nullable(),
});

export const ZPolicyDocumentDetail = ZPolicyDocumentSummary.extend({
  versions: z.array(ZPolicyVersionSummary),
  /** Activation requests for its versions, newest first. */
  requests: z.array(ZApprovalSummary.extend({ versionNumber: z.number().int() })),
});

export const ZDecisionKind = z.enum(EFFECTS);

type VersionRow = { number: number; state: string; message: string; authorLabel: string; contentHash: string; createdAt: Date; stateAt: Date };
export const versionSummary = (v: VersionRow): z.infer<typeof ZPolicyVersionSummary> => ({
  number: v.number, state: v.state as z.infer<typeof ZVersionState>, message: v.message, authorLabel: v.authorLabel,
  contentHash: v.contentHash, createdAt: v.createdAt.toISOString(), stateAt: v.stateAt.toISOString(),
});

export const versionSelect = { number: true, state: true, message: true, authorLabel: true, contentHash: true, createdAt: true, stateAt: true } as const;
type DocRow = { id: string; name: string; level: string; target: string | null; scopeKey: string; versions: VersionRow[] };

type Pending = z.infer<typeof ZPolicyDocumentSummary>["pending"];

export function documentSummary(scope: Scope, d: DocRow, pending: Pending): z.infer<typeof ZPolicyDocumentSummary> {
  const sorted = [...d.versions].sort((a, b) => b.number - a.number);
  const active = sorted.find((v) => v.state === "active");
  const shadow = sorted.find((v) => v.state === "shadow");
  return {
    id: d.id, name: d.name, level: d.level as z.infer<typeof ZPolicyDocumentSummary>["level"], target: d.target,
    scope: d.scopeKey === PLATFORM_SCOPE ? "platform" : "tenant",
    editable: mayChange(scope, d.scopeKey),
    active: active ? versionSummary(active) : null,
    shadow: shadow ? versionSummary(shadow) : null,
    latest: versionSummary(sorted[0]!),
    pending,
  };
}

export const ZDecisionRecord = z.object({
  id: z.string(),
  createdAt: z.string(),
  action: z.string(),
  resourceKind: z.string(),
  input: z.unknown(),
  redactions: z.record(z.string(), z.number()).nullable(),
  decision: z.enum(EFFECTS),
  decidingRule: z.string().nullable(),
  matchedRules: z.unknown(),
  versions: z.record(z.string(), z.string()),
  effectivePolicyHash: z.string(),
  shadowDecision: z.enum(EFFECTS).nullable(),
  shadowRule: z.string().nullable(),
  source: z.string(),
  subjectId: z.string().nullable(),
  /** The kill switch that refused the call, when one did (then no rule decided). */
  killSwitch: z.object({ id: z.string(), level: z.string(), target: z.string().nullable(), reason: z.string(), setBy: z.string() }).nullable(),
});
