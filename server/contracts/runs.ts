import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZPauseScheduler, ZRetryRun, ZRunEventFilter, ZRunFilter, ZSchedulerScope } from "../runs/run-input";
import { REPLAY_FORMAT, RUN_STATES, ZRunDetail, ZRunEvent, ZRunPatch, ZRunSummary, ZSchedulerState } from "../runs/run-view";
import { ZCreateTask } from "../runs/task-input";

const tenantParams = z.object({ tenant: ZTenantParam });
const runParams = z.object({ tenant: ZTenantParam, runId: ZId });
const GLOBAL_SCHEDULER = [{ permission: "scheduler.global", when: "globalScheduler", because: "the global scheduler holds every tenant's runs" }] as const;
const ZReason = z.object({ reason: z.string().trim().min(3, "say why (at least 3 characters)").max(500) }).strict();

export const createTaskRoute = defineRoute({
  id: "task.create", method: "POST", path: "/api/v1/tenants/{tenant}/tasks", tag: "tasks",
  summary: "Start a task: a recipe or model agent on one repository. Refused naming the rule (autonomy above the maximum, class not allowed, policy deny) or the kill switch that covers it; waits in awaiting_approval when the policy wants approval",
  permission: "run.create", params: tenantParams, body: ZCreateTask, status: 201,
  response: z.object({ taskId: z.string(), runId: z.string(), state: z.enum(["queued", "awaiting_approval"]), approvalId: z.string().nullable() }),
});

export const listRunsRoute = defineRoute({
  id: "run.list", method: "GET", path: "/api/v1/tenants/{tenant}/runs", tag: "runs",
  summary: "Runs, newest first: open ones by default (view=all for every run), filtered by state, repository, task class, campaign, requester and time; keyset-paged (after=nextAfter)",
  permission: "run.read", params: tenantParams, query: ZRunFilter,
  response: z.object({ runs: z.array(ZRunSummary), nextAfter: z.string().nullable() }),
  example: { query: { view: "all", limit: "20" } },
});

export const getRunRoute = defineRoute({
  id: "run.get", method: "GET", path: "/api/v1/tenants/{tenant}/runs/{runId}", tag: "runs",
  summary: "One run: state, timings, repository and base SHA, policy hash and versions, tokens, redactions, boundary and verifier reports, artifacts and what the caller may do",
  permission: "run.read", params: runParams, response: ZRunDetail,
});

export const listRunEventsRoute = defineRoute({
  id: "run.events", method: "GET", path: "/api/v1/tenants/{tenant}/runs/{runId}/events", tag: "runs",
  summary: "The run's timeline from afterSeq on: transitions, tool calls (input, redacted output, decision and rule), approvals, verifiers, log lines",
  permission: "run.read", params: runParams, query: ZRunEventFilter,
  response: z.object({ events: z.array(ZRunEvent), more: z.boolean(), state: z.enum(RUN_STATES), ended: z.boolean() }),
});

export const getRunPatchRoute = defineRoute({
  id: "run.patch", method: "GET", path: "/api/v1/tenants/{tenant}/runs/{runId}/patch", tag: "runs",
  summary: "The run's patch, redacted for display, with the hash of the stored patch. A patch that broke the boundary is restricted evidence (needs audit.read)",
  permission: "run.read", params: runParams, response: ZRunPatch,
});

export const getRunReplayRoute = defineRoute({
  id: "run.replay", method: "GET", path: "/api/v1/tenants/{tenant}/runs/{runId}/replay", tag: "runs",
  summary: "The run's replay package as one JSON file (attachment): task, effective policy hash and versions, base SHA, tool calls with redacted results, decisions, approvals, verifier output, diff, and a digest",
  permission: "run.read", params: runParams,
  response: z.object({ format: z.literal(REPLAY_FORMAT), digest: z.object({ algorithm: z.literal("sha256"), of: z.string(), value: z.string() }) }).loose(),
});

export const cancelRunRoute = defineRoute({
  id: "run.cancel", method: "POST", path: "/api/v1/tenants/{tenant}/runs/{runId}/cancel", tag: "runs",
  summary: "Stop a run: a queued or waiting run ends at once (its approval request withdrawn); an executing one is stopped by its worker within a heartbeat",
  permission: "run.cancel", params: runParams, body: ZReason,
  response: z.object({ id: z.string(), state: z.enum(["cancelled", "cancelling"]) }),
  example: { body: { reason: "not needed any more" } },
});

export const retryRunRoute = defineRoute({
  id: "run.retry", method: "POST", path: "/api/v1/tenants/{tenant}/runs/{runId}/retry", tag: "runs",
  summary: "Run the same task again (the next attempt) after a run ended; checked against the policy and kill switches in force now, like a new task",
  permission: "run.create", params: runParams, body: ZRetryRun, status: 201,
  response: z.object({ taskId: z.string(), runId: z.string(), state: z.enum(["queued", "awaiting_approval"]), approvalId: z.string().nullable() }),
  example: { body: { reason: "the flaky test is fixed" } },
});

export const getSchedulerRoute = defineRoute({
  id: "scheduler.get", method: "GET", path: "/api/v1/tenants/{tenant}/scheduler", tag: "runs",
  summary: "Whether the run scheduler is paused for this tenant or globally, and how many runs wait in the queue",
  permission: "run.read", params: tenantParams, response: ZSchedulerState,
});

export const pauseSchedulerRoute = defineRoute({
  id: "scheduler.pause", method: "POST", path: "/api/v1/tenants/{tenant}/scheduler/pause", tag: "runs",
  summary: "Pause the scheduler for the tenant (scope=global: every tenant, with scheduler.global): queued runs wait, running ones go on",
  permission: "scheduler.pause", params: tenantParams, body: ZPauseScheduler, response: ZSchedulerState, alsoRequires: GLOBAL_SCHEDULER,
  example: { body: { scope: "tenant", reason: "maintenance window" } },
});

export const resumeSchedulerRoute = defineRoute({
  id: "scheduler.resume", method: "POST", path: "/api/v1/tenants/{tenant}/scheduler/resume", tag: "runs",
  summary: "Resume the scheduler; the runs that waited are queued again at once",
  permission: "scheduler.pause", params: tenantParams, body: ZSchedulerScope, response: ZSchedulerState, alsoRequires: GLOBAL_SCHEDULER,
  example: { body: { scope: "tenant" } },
});
