// The runs API's shapes as the browser sees them (types only: nothing from server/ runs here).
import type { z } from "zod";
import type { cancelRunRoute, createTaskRoute, listRunEventsRoute, listRunsRoute, retryRunRoute } from "@/server/contracts/runs";
import type { RunDetail, RunPatch, SchedulerState } from "@/server/runs/run-view";
import type { RunEventView, RunSummary } from "@/server/runs/run-view";

export type { RunDetail, RunEventView, RunPatch, RunSummary, SchedulerState };
export type RunPage = z.infer<(typeof listRunsRoute)["response"]>;
export type RunEventPage = z.infer<(typeof listRunEventsRoute)["response"]>;
export type CreatedTask = z.infer<(typeof createTaskRoute)["response"]>;
export type CancelResult = z.infer<(typeof cancelRunRoute)["response"]>;
export type RunState = RunSummary["state"];
export type RetryResult = z.infer<(typeof retryRunRoute)["response"]>;

/** A recipe offered as a starting point in the task form. */
export type RecipeTemplate = { name: string; description: string; taskClass: string; repositories: string[]; content: string };
/** A repository as the runs screens list it (filters, the task form). */
export type RepoOption = { id: string; fullName: string; riskTier: string };
