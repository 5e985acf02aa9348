// The tools as an OpenAI-compatible endpoint expects them ({ type: "function", function: {...} }),
// generated from the zod schemas in tool-args.ts so the model is described exactly what the
// gateway will accept.
import { z } from "zod";
import { TOOL_ARG_SCHEMAS } from "../runs/tool-args";
import { TOOL_NAMES, type ToolName } from "./types";

export type FunctionTool = {
  type: "function";
  function: { name: ToolName; description: string; parameters: Record<string, unknown> };
};

function definition(name: ToolName): FunctionTool {
  const schema = TOOL_ARG_SCHEMAS[name];
  // "input": a field with a default is optional to the caller.
  const { $schema: _, description, ...parameters } = z.toJSONSchema(schema, { io: "input", target: "draft-7" }) as Record<string, unknown>;
  return { type: "function", function: { name, description: String(description ?? name), parameters } };
}

export const FUNCTION_TOOLS: readonly FunctionTool[] = Object.freeze(TOOL_NAMES.map(definition));
