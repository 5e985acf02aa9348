// Every job the workers know. An unknown name is logged and dropped, never retried forever.
import type { JobDefinition } from "./define-job";
import { applyOutcomeJob } from "../approvals/outcome-job";
import { reconcileApprovalsJob } from "../approvals/reconcile-approvals";
import { pruneSignInThrottleJob, verifyAuditChainsJob } from "./maintenance-jobs";
import { deliverWebhookJob } from "../webhooks/deliver-webhook";
import { reconcileWebhooksJob } from "../webhooks/reconcile-webhooks";
import { executeRunJob, reconcileRunsJob } from "../runs/run-jobs";

export const JOBS: readonly JobDefinition[] = [verifyAuditChainsJob, pruneSignInThrottleJob, applyOutcomeJob, reconcileApprovalsJob, deliverWebhookJob, reconcileWebhooksJob, executeRunJob, reconcileRunsJob] as JobDefinition[];

export const jobByName = (name: string) => JOBS.find((j) => j.name === name);

export const queueNames = () => [...new Set(JOBS.map((j) => j.queue))];
