// Every job the worker runs: each declaration bound to its handler. Only the worker loads this file
// (web routes import declarations to enqueue). An unknown job name is logged and dropped, never
// retried forever (server/jobs/process-job.ts).
import { reconcileApprovals, reconcileApprovalsJob } from "../approvals/reconcile-approvals";
import { applyOutcomeJob } from "../approvals/outcome-job";
import { verifyAllChains } from "../audit/verify-all-chains";
import { checkCampaignWaves, sweepCampaignWaves } from "../campaigns/check-campaign-waves";
import { thenNoteCampaignRun } from "../campaigns/note-campaign-run";
import { checkWavesJob, sweepWavesJob } from "../campaigns/wave-jobs";
import { expireReservationsJob, openPeriodsJob } from "../cost/cost-jobs";
import { expireReservations } from "../cost/expire-reservations";
import { openPeriods } from "../cost/open-periods";
import { pruneSignInThrottle } from "../auth/prune-sign-in-throttle";
import { reconcileDetectionsJob, runDetectionJob } from "../campaigns/detection-jobs";
import { reconcileDetections } from "../campaigns/reconcile-detections";
import { runDetection } from "../campaigns/run-detection";
import { reconcileChangesets, reconcileChangesetsJob } from "../github/reconcile/reconcile-changesets";
import { startFollowUpJob } from "../github/follow-ups/follow-up-job";
import { healthCheckJob } from "../github/health/health-job";
import { reconcileHealth, reconcileHealthJob } from "../github/health/reconcile-health";
import { watchMerge } from "../github/health/watch-merge";
import { requeueFollowUps, requeueFollowUpsJob } from "../github/follow-ups/requeue-follow-ups";
import { startFollowUp } from "../github/follow-ups/start-follow-up";
import { processDeliveryJob } from "../github/webhooks/delivery-job";
import { processDelivery } from "../github/webhooks/process-delivery";
import { requeueDeliveries, requeueDeliveriesJob } from "../github/webhooks/requeue-deliveries";
import { syncInstallation } from "../github/installations/sync-installation";
import { syncInstallationJob } from "../github/installations/sync-job";
import { handleJob, type JobHandler, type QueueSettings } from "../jobs/define-job";
import { pruneGithubWritesJob, pruneSignInThrottleJob, verifyAuditChainsJob } from "../jobs/maintenance-jobs";
import { pruneWriteLog } from "../github/pace";
import { releaseHeld } from "../github/caps/release-held";
import { releaseHeldJob } from "../github/caps/release-held-job";
import { closeDrafts } from "../github/contain/close-drafts";
import { closeDraftsJob } from "../github/contain/close-drafts-job";
import { applyChangesetAction } from "../github/changesets/apply-changeset-action";
import { changesetActionJob } from "../github/changesets/changeset-action-job";
import { requeueChangesetActions, requeueChangesetActionsJob } from "../github/changesets/requeue-changeset-actions";
import { publishRun } from "../github/publish/publish-run";
import { GITHUB_QUEUE, GITHUB_QUEUE_SETTINGS, publishRunJob } from "../github/publish/publish-job";
import { reconcilePublications, reconcilePublicationsJob } from "../github/publish/reconcile-publications";
import { executeRun } from "../runs/execute-run";
import { executeRunJob } from "../runs/run-jobs";
import { reconcileRuns, reconcileRunsJob } from "../runs/reconcile-runs";
import { attemptDelivery } from "../webhooks/deliver-webhook";
import { deliverWebhookJob } from "../webhooks/delivery-job";
import { reconcileWebhooks, reconcileWebhooksJob } from "../webhooks/reconcile-webhooks";
import { applyOutcome } from "./approval-consumers";

export const JOB_HANDLERS: readonly JobHandler[] = [
  handleJob(verifyAuditChainsJob, () => verifyAllChains()),
  handleJob(pruneSignInThrottleJob, ({ olderThanMinutes }) => pruneSignInThrottle(olderThanMinutes)),
  handleJob(pruneGithubWritesJob, () => pruneWriteLog()),
  handleJob(applyOutcomeJob, ({ requestId }) => applyOutcome(requestId)),
  handleJob(reconcileApprovalsJob, () => reconcileApprovals()),
  handleJob(deliverWebhookJob, (payload) => attemptDelivery(payload)),
  handleJob(reconcileWebhooksJob, () => reconcileWebhooks()),
  // A campaign's run that ended, or whose PR opened, may finish its wave.
  handleJob(executeRunJob, ({ runId }) => thenNoteCampaignRun(runId, executeRun(runId))),
  handleJob(reconcileRunsJob, () => reconcileRuns()),
  handleJob(publishRunJob, ({ runId }) => thenNoteCampaignRun(runId, publishRun(runId))),
  handleJob(reconcilePublicationsJob, () => reconcilePublications()),
  handleJob(releaseHeldJob, ({ tenantId }) => releaseHeld(tenantId)),
  handleJob(closeDraftsJob, ({ killSwitchId }) => closeDrafts(killSwitchId)),
  handleJob(changesetActionJob, ({ actionId }) => applyChangesetAction(actionId)),
  handleJob(requeueChangesetActionsJob, () => requeueChangesetActions()),
  handleJob(processDeliveryJob, ({ deliveryId }, meta) => processDelivery(deliveryId, meta)),
  handleJob(requeueDeliveriesJob, () => requeueDeliveries()),
  handleJob(startFollowUpJob, ({ requestId }) => startFollowUp(requestId)),
  handleJob(requeueFollowUpsJob, () => requeueFollowUps()),
  handleJob(reconcileChangesetsJob, () => reconcileChangesets()),
  handleJob(healthCheckJob, ({ changesetId }) => watchMerge(changesetId)),
  handleJob(reconcileHealthJob, () => reconcileHealth()),
  handleJob(syncInstallationJob, ({ installationId }) => syncInstallation(installationId)),
  handleJob(runDetectionJob, ({ detectionId }) => runDetection(detectionId)),
  handleJob(reconcileDetectionsJob, () => reconcileDetections()),
  handleJob(checkWavesJob, ({ campaignId }) => checkCampaignWaves(campaignId)),
  handleJob(sweepWavesJob, () => sweepCampaignWaves()),
  handleJob(expireReservationsJob, () => expireReservations()),
  handleJob(openPeriodsJob, () => openPeriods()),
];

/** Queues whose workers differ from the defaults (server/jobs/define-job.ts's QueueSettings). */
export const QUEUE_SETTINGS: Readonly<Record<string, QueueSettings>> = {
  [GITHUB_QUEUE]: GITHUB_QUEUE_SETTINGS,
};
