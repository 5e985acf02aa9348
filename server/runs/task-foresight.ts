// What the boundary will say about a task, told before its run starts (server/policy/boundary-report.ts):
// refusals that are certain, so the task is refused before anyone is asked to approve it (the class
// can never change what it exists to change here; the recipe writes or replaces in a forbidden path),
// and likely ones, shown in the approval request and the run's timeline (a recipe step's files partly
// forbidden; a command or the instruction names a forbidden path). An instruction or a command is
// only text: what it leads the agent to do is decided again at every write and on the diff.
import { parseRecipe } from "./recipe-schema";
import { classRefusals, forbiddenTouch, globForesight, type BoundaryRun, type ForbiddenTouch } from "../policy/boundary-report";
import type { EffectiveGovernance } from "../policy/effective-governance";

export type TaskForesight = { refusals: { path: "taskClass" | "agent.recipe"; message: string }[]; warnings: string[] };
type TaskText = { taskClass: string; recipe: string | null; instruction: string };

// Words that look like a path in the repository: a slash, or a leading dot (".env", ".github/...").
const PATHISH = /[\w.*/-]+/g;
const why = (t: ForbiddenTouch) => `${t.pattern}, from ${t.sources.join(", ")}`;
const mentions = (text: string) =>
  [...new Set((text.match(PATHISH) ?? []).map((w) => w.replace(/^\.\//, "").replace(/[.:]+$/, "")))].filter((w) => /[a-z]/i.test(w) && (w.includes("/") || w.startsWith(".")));

export function taskForesight(g: EffectiveGovernance, task: TaskText, approved: boolean): TaskForesight {
  const run: BoundaryRun = { changeClass: task.taskClass, approved };
  const out: TaskForesight = { refusals: classRefusals(g, run).map((message) => ({ path: "taskClass", message })), warnings: [] };
  const mentioned = (where: string, text: string) => {
    for (const word of mentions(text)) {
      const t = forbiddenTouch(g, word, run);
      if (t) out.warnings.push(`${where} mentions ${t.path}, a forbidden path here (${why(t)})`);
    }
  };
  mentioned("the instruction", task.instruction);
  const parsed = task.recipe === null ? null : parseRecipe(task.recipe);
  if (!parsed?.ok) return out;
  parsed.recipe.steps.forEach((step, i) => {
    const at = `recipe step ${i + 1}`;
    if (step.write) {
      const t = forbiddenTouch(g, step.write.path, run);
      if (t) out.refusals.push({ path: "agent.recipe", message: `${at} writes ${t.path}, a forbidden path here (${why(t)})` });
    } else if (step.replace) {
      const { certain, partly } = globForesight(g, step.replace.files, run);
      if (certain) out.refusals.push({ path: "agent.recipe", message: `${at} replaces in ${certain.path}, forbidden here (${why(certain)})` });
      if (partly.length) out.warnings.push(`${at} replaces in ${step.replace.files}, which includes forbidden paths (${partly.map(why).join("; ")})`);
    } else if (step.run) mentioned(`${at}'s command`, step.run);
  });
  return out;
}
