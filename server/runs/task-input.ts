// What a task may ask for: the body of POST .../tasks and of the console's form.
import { z } from "zod";
import { ZId } from "../http/define-route";
import { AUTONOMY_LEVELS } from "../policy/document-schema";

export const TASK_CLASSES = [
  "dependency_patch_minor", "dependency_major_upgrade", "config_migration", "test_generation", "docs_update", "refactor", "ci_workflow_change",
] as const;

export const ZCreateTask = z.object({
  repositoryId: ZId,
  taskClass: z.enum(TASK_CLASSES),
  /** What the agent should do, in words (for a recipe, what the recipe is for). */
  instruction: z.string().trim().min(1, "say what the agent should do").max(4000),
  agent: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("recipe"), recipe: z.string().min(1, "the recipe is empty").max(50_000) }).strict(),
    z.object({ kind: z.literal("model") }).strict(),
  ]),
  autonomy: z.enum(AUTONOMY_LEVELS).default("dry_run_patch"),
}).strict();
export type CreateTaskInput = z.infer<typeof ZCreateTask>;
