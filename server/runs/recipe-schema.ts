// A recipe: the deterministic agent's program, as YAML. Parsed strictly, with every problem
// reported at its line and column through the same helpers as policy documents, so the editor
// can underline it.
//
//   apiVersion: fleetgate/v1
//   kind: Recipe
//   metadata: { name: bump-left-pad, description: Raise left-pad to the next minor }
//   steps:
//     - run: npm pkg set dependencies.left-pad=^1.4.0
//     - replace: { files: "src/**/*.js", pattern: "var ", with: "let ", regex: false }
//     - write: { path: CHANGELOG.md, content: "..." }
//   detection: { argv: [grep, -q, "left-pad@1.3", package-lock.json] }
import { z } from "zod";
import { parseYamlWith, type ParseProblem } from "../policy/parse-document";
import { globRegExp } from "../policy/glob";
import { ZDetection } from "./detection-schema";
import { MAX_COMMAND_LENGTH, MAX_FILE_CONTENT, workspacePathProblem } from "./tool-args";

export const STEP_VERBS = ["run", "replace", "write"] as const;

// A wrong value gets our wording; a missing key falls through to "required key is missing".
const unlessMissing = (message: string) => ({ error: (iss: { input?: unknown }) => (iss.input === undefined ? undefined : message) });

const relativePath = (what: string) =>
  z.string(unlessMissing(`${what} must be a path`)).min(1, `${what} must not be empty`).superRefine((p, ctx) => {
    const problem = workspacePathProblem(p);
    if (problem) ctx.addIssue({ code: "custom", message: `${what} ${problem}` });
  });

// Our glob grammar is "**", "*" and "?"; brackets and braces would be taken literally and
// silently match nothing, so they are refused rather than misread.
const ZGlob = relativePath("files").superRefine((g, ctx) => {
  if (/[[\]{}]/.test(g)) ctx.addIssue({ code: "custom", message: "files: only *, ** and ? are glob syntax here; braces and brackets are not supported (use one replace step per pattern)" });
  else if (g.startsWith("!")) ctx.addIssue({ code: "custom", message: "files: negated globs are not supported" });
  else {
    try {
      globRegExp(g);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: `files: glob does not compile: ${(e as Error).message}` });
    }
  }
});

const ZReplace = z
  .strictObject({
    files: ZGlob,
    pattern: z.string(unlessMissing("pattern must be text")).min(1, "pattern must not be empty"),
    with: z.string(unlessMissing('with must be text (use "" to delete)')),
    regex: z.boolean().default(false),
  })
  .superRefine((r, ctx) => {
    if (!r.regex) return;
    let re: RegExp;
    try {
      re = new RegExp(r.pattern, "g");
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["pattern"], message: `pattern is not a valid regular expression: ${(e as Error).message}` });
      return;
    }
    // An empty match would change every position of every file.
    if (re.test("")) ctx.addIssue({ code: "custom", path: ["pattern"], message: "pattern matches empty text; it must match at least one character" });
  });

const ZStep = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    run: z
      .string(unlessMissing("run must be one command line"))
      .trim()
      .min(1, "run: the command is empty")
      .max(MAX_COMMAND_LENGTH)
      .refine((c) => !/[\r\n\0]/.test(c), "run is one command line; put each command in a step of its own")
      .optional(),
    replace: ZReplace.optional(),
    write: z.strictObject({ path: relativePath("path"), content: z.string(unlessMissing("content must be text")).max(MAX_FILE_CONTENT) }).optional(),
  })
  .superRefine((step, ctx) => {
    const verbs = STEP_VERBS.filter((v) => step[v] !== undefined);
    if (verbs.length === 0) ctx.addIssue({ code: "custom", message: `a step needs one of ${STEP_VERBS.join(", ")}` });
    if (verbs.length > 1) ctx.addIssue({ code: "custom", message: `a step does one thing; this one has ${verbs.join(" and ")}` });
  });

export const ZRecipe = z.strictObject({
  apiVersion: z.literal("fleetgate/v1", unlessMissing('apiVersion must be "fleetgate/v1"')),
  kind: z.literal("Recipe", unlessMissing('kind must be "Recipe"')),
  metadata: z.strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "name must be lowercase letters, digits and '-', at most 63"),
    description: z.string().max(2_000).optional(),
  }),
  steps: z.array(ZStep).min(1, "a recipe needs at least one step").max(200, "a recipe has at most 200 steps"),
  /** Where the change is still needed, for campaigns that use the recipe (a campaign's own detection wins). */
  detection: ZDetection.optional(),
});

export type Recipe = z.output<typeof ZRecipe>;
export type RecipeStep = Recipe["steps"][number];

export type RecipeProblem = ParseProblem;
export type ParsedRecipe = { ok: true; recipe: Recipe } | { ok: false; problems: RecipeProblem[] };

export function parseRecipe(text: string): ParsedRecipe {
  const parsed = parseYamlWith(text, ZRecipe);
  return parsed.ok ? { ok: true, recipe: parsed.value } : { ok: false, problems: parsed.problems };
}
