// The twin's state, as plain JSON records. Timestamps are ISO strings; ids are GitHub-style
// positive integers from one counter. Branch heads are not stored: the bare git repository is
// the truth for refs, read when an answer needs them.
export type PermissionLevel = "read" | "write" | "admin";
export type Permissions = Record<string, PermissionLevel>;

export type TwinApp = { id: number; slug: string; name: string; ownerLogin: string; publicKeyPem: string; createdAt: string };

export type TwinInstallation = {
  id: number;
  account: { login: string; type: "Organization" | "User" };
  repositorySelection: "all" | "selected";
  /** Used when repositorySelection is "selected". */
  repositoryIds: number[];
  permissions: Permissions;
  events: string[];
  createdAt: string;
  updatedAt: string;
};

export type TwinToken = {
  token: string;
  installationId: number;
  /** null: every repository of the installation. */
  repositoryIds: number[] | null;
  permissions: Permissions;
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
};

export type TwinLabel = { id: number; name: string; color: string; description: string | null };

export type TwinRepository = {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  /** Approvals a merge needs (a branch protection rule, kept simple). */
  requiredApprovals: number;
  labels: TwinLabel[];
  /** Pull requests and issues share numbers, as on GitHub. */
  nextNumber: number;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
};

export type TwinPull = {
  id: number;
  repositoryId: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  labels: string[];
  requestedReviewers: string[];
  userLogin: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
};

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED";
export type TwinReview = { id: number; repositoryId: number; pullNumber: number; userLogin: string; body: string; state: ReviewState; commitId: string; submittedAt: string };

export type TwinComment = { id: number; repositoryId: number; issueNumber: number; userLogin: string; body: string; createdAt: string; updatedAt: string };

export type CheckConclusion = "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required";
export type TwinCheckRun = {
  id: number;
  repositoryId: number;
  headSha: string;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: CheckConclusion | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  startedAt: string;
  completedAt: string | null;
  appId: number;
  /** The suite it belongs to (one per commit and app); absent in data written before suites were kept. */
  suiteId?: number;
};

/** A check suite: the check runs one app reports on one commit, summarized as GitHub does. */
export type TwinCheckSuite = { id: number; repositoryId: number; headSha: string; headBranch: string | null; appId: number; createdAt: string; updatedAt: string };

export type TwinStatus = { id: number; repositoryId: number; sha: string; state: "error" | "failure" | "pending" | "success"; context: string; description: string | null; targetUrl: string | null; creatorLogin: string; createdAt: string; updatedAt: string };

export type DeliveryAttempt = { at: string; statusCode: number | null; error: string | null; redelivery: boolean };
export type TwinDelivery = {
  id: number;
  /** X-GitHub-Delivery: kept by a redelivery. */
  guid: string;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  payload: Record<string, unknown>;
  deliveredAt: string;
  /** Dropped by fault injection: never sent until redelivered. */
  dropped: boolean;
  attempts: DeliveryAttempt[];
};

export type TwinUser = { id: number; login: string; type: "User" | "Bot" | "Organization" };

/** One file per collection under the data directory. */
export type TwinData = {
  meta: { nextId: number; hookId: number };
  app: TwinApp | null;
  users: TwinUser[];
  installations: TwinInstallation[];
  tokens: TwinToken[];
  repositories: TwinRepository[];
  pulls: TwinPull[];
  reviews: TwinReview[];
  comments: TwinComment[];
  checkRuns: TwinCheckRun[];
  checkSuites: TwinCheckSuite[];
  statuses: TwinStatus[];
  deliveries: TwinDelivery[];
};

export const emptyTwinData = (): TwinData => ({
  meta: { nextId: 1000, hookId: 0 },
  app: null,
  users: [],
  installations: [],
  tokens: [],
  repositories: [],
  pulls: [],
  reviews: [],
  comments: [],
  checkRuns: [],
  checkSuites: [],
  statuses: [],
  deliveries: [],
});
