// The embedded default agent: a recipe's steps, in order, each through the gateway, with no model.
// A step that is denied, fails or exits non-zero fails the run. The checkpoint before each step
// holds its index, so a resume (after an approval) issues that step again from its start: run and
// write are the call that was interrupted, and replace reads its files again, so nothing is
// applied twice and nothing before the step is repeated.
import { z } from "zod";
import { matchesGlob } from "../policy/glob";
import type { Recipe, RecipeStep } from "../runs/recipe-schema";
import { throwIfStopped } from "./stop-run";
import { parseToolArgs } from "../runs/tool-args";
import { isDamagedContent, parseFileList } from "./tool-output";
import type { AgentAdapter, AgentResult, AgentRunInput, ToolName, ToolOutcome } from "./types";

/** What the checkpoint holds: the step to issue next and what the finished steps did. */
const ZRecipeState = z.strictObject({ step: z.number().int().min(0), done: z.array(z.string()) });
export type RecipeState = z.infer<typeof ZRecipeState>;

type StepResult = { ok: true; note: string } | { ok: false; reason: string; /** the policy refused the call */ denied?: boolean };

const refused = (r: ToolOutcome, prefix = ""): StepResult => ({ ok: false, reason: `${prefix}${failure(r)}`, denied: r.status === "denied" });

export function recipeAdapter(recipe: Recipe): AgentAdapter {
  return { run: (input) => runRecipe(recipe, input) };
}

async function runRecipe(recipe: Recipe, input: AgentRunInput): Promise<AgentResult> {
  const saved = input.state == null ? { success: true as const, data: { step: 0, done: [] } } : ZRecipeState.safeParse(input.state);
  if (!saved.success || saved.data.step > recipe.steps.length) {
    return { outcome: "failed", failureClass: "agent_error", message: "cannot resume: the saved state does not fit this recipe" };
  }
  const done = [...saved.data.done];
  for (let i = saved.data.step; i < recipe.steps.length; i++) {
    const step = recipe.steps[i]!;
    await input.checkpoint({ step: i, done: [...done] } satisfies RecipeState);
    const result = await runStep(step, input);
    if (!result.ok) return { outcome: "failed", failureClass: result.denied ? "policy_denied" : "agent_error", message: `step ${i + 1} (${describeStep(step)}): ${result.reason}` };
    done.push(result.note);
  }
  await input.checkpoint({ step: recipe.steps.length, done: [...done] } satisfies RecipeState);
  const summary = [`Recipe ${recipe.metadata.name}${recipe.metadata.description ? `: ${recipe.metadata.description}` : ""}`, ...done.map((d) => `- ${d}`)].join("\n");
  const finished = await call(input, "finish", { summary });
  if (finished.status !== "ok") return { outcome: "failed", failureClass: "agent_error", message: `finish: ${failure(finished)}` };
  return { outcome: "finished", summary };
}

async function runStep(step: RecipeStep, input: AgentRunInput): Promise<StepResult> {
  if (step.run !== undefined) {
    const r = await call(input, "run_shell", { command: step.run });
    return succeeded(r) ? { ok: true, note: `ran \`${step.run}\`` } : refused(r);
  }
  if (step.write !== undefined) {
    const r = await call(input, "write_file", { path: step.write.path, content: step.write.content });
    return succeeded(r) ? { ok: true, note: `wrote ${step.write.path}` } : refused(r);
  }
  return replaceInFiles(step.replace!, input);
}

async function replaceInFiles(replace: NonNullable<RecipeStep["replace"]>, input: AgentRunInput): Promise<StepResult> {
  const base = globBase(replace.files);
  const listed = await call(input, "list_files", { path: base, recursive: true });
  if (!succeeded(listed)) return refused(listed, `list_files ${base}: `);
  if (listed.truncated) return { ok: false, reason: `the listing of ${base} was truncated; some matching files would be missed` };
  const matching = parseFileList(listed.output).files.filter((f) => matchesGlob(f, replace.files));
  let changed = 0;
  let occurrences = 0;
  for (const path of matching) {
    const read = await call(input, "read_file", { path });
    if (!succeeded(read)) return refused(read, `read_file ${path}: `);
    if (isDamagedContent(read)) return { ok: false, reason: `${path} came back truncated or redacted; replacing in it would damage the file` };
    const { text, count } = applyReplace(read.output, replace);
    if (count === 0 || text === read.output) continue;
    const written = await call(input, "write_file", { path, content: text });
    if (!succeeded(written)) return refused(written, `write_file ${path}: `);
    changed++;
    occurrences += count;
  }
  const what = `"${replace.pattern}" with "${replace.with}"${replace.regex ? " (regex)" : ""}`;
  if (matching.length === 0) return { ok: true, note: `replace ${what}: no file matches ${replace.files}` };
  return { ok: true, note: `replaced ${what} in ${changed} of ${matching.length} files matching ${replace.files} (${occurrences} occurrences)` };
}

export function applyReplace(content: string, r: { pattern: string; with: string; regex: boolean }): { text: string; count: number } {
  if (!r.regex) {
    // split/join: "$" in `with` is literal text here.
    const parts = content.split(r.pattern);
    return { text: parts.join(r.with), count: parts.length - 1 };
  }
  const re = new RegExp(r.pattern, "g");
  const count = content.match(re)?.length ?? 0;
  return { text: count ? content.replace(re, r.with) : content, count };
}

/** The directory a glob's matches all live under: the segments before the first wildcard. */
export function globBase(glob: string): string {
  const segments = glob.replace(/^\.\//, "").split("/");
  const fixed: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (/[*?]/.test(s)) break;
    fixed.push(s);
  }
  return fixed.length ? fixed.join("/") : ".";
}

async function call(input: AgentRunInput, tool: ToolName, args: Record<string, unknown>): Promise<ToolOutcome> {
  throwIfStopped(input.signal);
  const parsed = parseToolArgs(tool, args);
  // The recipe was validated when parsed; this only catches a step built around that check.
  if (!parsed.ok) return { status: "error", output: parsed.message };
  return input.gateway.call({ tool, args: parsed.args as Record<string, unknown> });
}

const succeeded = (r: ToolOutcome) => r.status === "ok" && (r.exitCode === undefined || r.exitCode === 0);

function failure(r: ToolOutcome): string {
  const output = tail(r.output.trim(), 400);
  if (r.exitCode !== undefined && r.exitCode !== 0) return `exit ${r.exitCode}${output ? `: ${output}` : ""}`;
  // A refusal states itself and who refused; saying "denied" before it would say it twice.
  if (r.status === "denied") return output || "denied";
  return `error${output ? `: ${output}` : ""}`;
}

const tail = (s: string, n: number) => (s.length > n ? `...${s.slice(-n)}` : s);

export function describeStep(step: RecipeStep): string {
  if (step.name) return step.name;
  if (step.run !== undefined) return `run ${step.run.length > 60 ? `${step.run.slice(0, 57)}...` : step.run}`;
  if (step.write !== undefined) return `write ${step.write.path}`;
  return `replace in ${step.replace!.files}`;
}
