// Which handler applies which GitHub event. An event not listed here is stored and marked ignored
// ("no handler"), and counted on its row like any other.
import type { DeliveryHandler } from "./delivery-handler";
import { onCheckRun, onCheckSuite, onStatus } from "./on-checks";
import { onIssueComment, onReviewComment } from "./on-comment";
import { onPullRequest } from "./on-pull-request";
import { onPullRequestReview } from "./on-pull-request-review";
import { onInstallation } from "./on-installation";
import { onPush } from "./on-push";

export const DELIVERY_HANDLERS: Readonly<Partial<Record<string, DeliveryHandler>>> = {
  pull_request: onPullRequest,
  pull_request_review: onPullRequestReview,
  pull_request_review_comment: onReviewComment,
  issue_comment: onIssueComment,
  check_run: onCheckRun,
  check_suite: onCheckSuite,
  status: onStatus,
  push: onPush,
  installation: onInstallation,
  installation_repositories: onInstallation,
};
