// The policy API's shapes as the browser sees them (types only: nothing from server/ runs here).
import type { z } from "zod";
import type { blastRadiusRoute, listDecisionsRoute, previewPolicyRoute } from "@/server/contracts/policies";
import type { ZPolicyDocumentDetail, ZPolicyDocumentSummary, ZPolicyVersion, ZPolicyVersionSummary } from "@/server/policy/policy-view";

export type PolicySummary = z.infer<typeof ZPolicyDocumentSummary>;
export type PolicyDetail = z.infer<typeof ZPolicyDocumentDetail>;
export type PolicyVersion = z.infer<typeof ZPolicyVersion>;
export type VersionSummary = z.infer<typeof ZPolicyVersionSummary>;
/** An activation request: an approval request (kinds policy_activation, platform_policy_activation) with the version it is for. */
export type ActivationRequest = PolicyDetail["requests"][number];
export type Preview = z.infer<(typeof previewPolicyRoute)["response"]>;
export type PreviewTest = Preview["tests"][number];
export type Problem = Preview["problems"][number];
export type TriedDecision = NonNullable<NonNullable<Preview["tried"]>["draft"]>;
export type BlastRadius = z.infer<(typeof blastRadiusRoute)["response"]>;
export type BlastSample = BlastRadius["byKind"][number]["samples"][number];
export type DecisionList = z.infer<(typeof listDecisionsRoute)["response"]>;
export type Saved = VersionSummary & { documentId: string };

/** Highest level first, as server/policy/document-schema.ts orders them. */
export const POLICY_LEVELS = ["platform", "tenant", "team", "repository", "campaign", "task"] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

/** What the person may do with one document, decided on the server from their permissions. */
export type PolicyRights = { edit: boolean; publish: boolean; me: string };
