// A campaign body's spec, validated, with where each field sits in what the person sent: the JSON
// spec's field path (body.spec.waves.sizes), or the YAML's (body.yaml.waves.sizes, with line and
// column). Problems found later, against the fleet (plan-campaign.ts), are reported the same way.
import { stringify, type Document, type LineCounter } from "yaml";
import { AppError, type FieldIssue } from "../core/app-error";
import { parseYamlWith } from "../policy/parse-document";
import { positionOf, type Position } from "../policy/yaml-positions";
import { parseRecipe } from "../runs/recipe-schema";
import { ZCampaignSpec, type CampaignSpec } from "./campaign-spec";
import type { CampaignBody } from "./campaign-input";

export type SpecProblem = { path: string; message: string };
export type ReadSpec = {
  spec: CampaignSpec;
  /** As written: the YAML sent, or the JSON spec written out as YAML. */
  yaml: string;
  /** Refuses with 422, naming each field where the person wrote it. */
  refuse: (problems: readonly SpecProblem[]) => AppError;
};

const refusal = (issues: (FieldIssue & Partial<Position>)[]) =>
  new AppError("validation_failed", `invalid campaign spec: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, { issues });

export function readCampaignSpec(body: CampaignBody): ReadSpec {
  const read = readSpec(body);
  const problems = recipeProblems(read.spec);
  if (problems.length) throw read.refuse(problems);
  return read;
}

/** A recipe agent's recipe must parse as one; its problems name the recipe's own lines too. */
function recipeProblems(spec: CampaignSpec): SpecProblem[] {
  if (spec.change.agent.kind !== "recipe") return [];
  const parsed = parseRecipe(spec.change.agent.recipe);
  return parsed.ok ? [] : parsed.problems.slice(0, 10).map((p) => ({ path: "change.agent.recipe", message: `recipe line ${p.line}: ${p.path ? `${p.path}: ` : ""}${p.message}` }));
}

function readSpec(body: CampaignBody): ReadSpec {
  if (body.spec) {
    const spec = body.spec;
    return { spec, yaml: stringify(spec), refuse: (ps) => refusal(ps.map((p) => ({ path: join("body.spec", p.path), message: p.message }))) };
  }
  const text = body.yaml ?? "";
  const parsed = parseYamlWith(text, ZCampaignSpec);
  if (!parsed.ok) {
    throw refusal(parsed.problems.map((p) => ({ path: join("body.yaml", p.path), message: `line ${p.line}, column ${p.column}: ${p.message}`, line: p.line, column: p.column })));
  }
  const { doc, lines } = parsed as { doc: Document; lines: LineCounter };
  const at = (path: string) => positionOf(doc, lines, path ? path.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k)) : []);
  return {
    spec: parsed.value, yaml: text,
    refuse: (ps) => refusal(ps.map((p) => {
      const pos = at(p.path);
      return { path: join("body.yaml", p.path), message: `line ${pos.line}, column ${pos.column}: ${p.message}`, ...pos };
    })),
  };
}

/** A stored spec, read again (launch re-plans from it): problems name the spec's own fields. */
export function storedSpec(spec: unknown, yaml: string): ReadSpec {
  const parsed = ZCampaignSpec.safeParse(spec);
  if (!parsed.success) throw new AppError("conflict", `the stored spec no longer validates (${parsed.error.issues[0]?.message}); save it again`);
  return { spec: parsed.data, yaml, refuse: (ps) => refusal(ps.map((p) => ({ path: join("spec", p.path), message: p.message }))) };
}

const join = (prefix: string, path: string) => (path ? `${prefix}.${path}` : prefix);
