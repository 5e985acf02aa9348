// The arguments of each tool, validated at both ends: an adapter checks what it (or its model)
// is about to call, and the gateway checks again before policy and sandbox see it. Strict objects:
// an argument nobody reads is a mistake to report, not to ignore.
import { z } from "zod";
import type { ToolName } from "../agent/types";

export const MAX_FILE_CONTENT = 1 << 20;
export const MAX_COMMAND_LENGTH = 8_000;

/** Why a path may not be used inside a workspace, or null when it may. Shared with recipes. */
export function workspacePathProblem(path: string): string | null {
  if (path.includes("\0")) return "must not contain a NUL character";
  if (/^([/\\~]|[A-Za-z]:)/.test(path)) return "must be relative to the repository root, not absolute";
  if (path.split(/[/\\]/).includes("..")) return "must not contain '..' segments";
  return null;
}

const ZPath = z
  .string()
  .min(1, "must not be empty")
  .max(4096)
  .superRefine((p, ctx) => {
    const problem = workspacePathProblem(p);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ZListFilesArgs = z
  .strictObject({
    path: ZPath.default(".").describe('Directory to list, relative to the repository root (default ".").'),
    recursive: z.boolean().optional().describe("List everything below the directory, not only its direct entries."),
  })
  .describe('Lists a directory. Output: one path per line, relative to the repository root; directories end in "/".');

export const ZReadFileArgs = z
  .strictObject({ path: ZPath.describe("File to read, relative to the repository root.") })
  .describe("Reads a file and returns its content exactly. Secrets in it are shown as [REDACTED:<kind>].");

export const ZSearchArgs = z
  .strictObject({
    pattern: z.string().min(1, "must not be empty").max(1_000).describe("Text to look for (a JavaScript regular expression when regex is true)."),
    path: ZPath.optional().describe("File or directory to search in, relative to the repository root (default: the whole repository)."),
    regex: z.boolean().optional().describe("Treat pattern as a regular expression instead of literal text."),
  })
  .superRefine((a, ctx) => {
    if (!a.regex) return;
    try {
      new RegExp(a.pattern);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["pattern"], message: `is not a valid regular expression: ${(e as Error).message}` });
    }
  })
  .describe("Searches file contents. Output: matching lines as path:line:text.");

export const ZWriteFileArgs = z
  .strictObject({
    path: ZPath.describe("File to create or replace, relative to the repository root."),
    content: z.string().max(MAX_FILE_CONTENT, `must be at most ${MAX_FILE_CONTENT} characters`).describe("The complete new content of the file."),
  })
  .describe("Creates or replaces a file with the given content. Never write back text that shows [REDACTED:...] markers.");

export const ZRunShellArgs = z
  .strictObject({
    command: z
      .string()
      .max(MAX_COMMAND_LENGTH)
      .refine((c) => c.trim().length > 0, "must not be empty")
      .refine((c) => !/[\r\n\0]/.test(c), "must be one command line (no line breaks)")
      .describe("One shell command line, run from the repository root, e.g. `npm test`."),
  })
  .describe("Runs one shell command line in the sandbox (no network unless policy allows it). Output: exit code, stdout and stderr.");

export const ZFinishArgs = z
  .strictObject({
    summary: z
      .string()
      .max(8_000)
      .refine((s) => s.trim().length > 0, "must not be empty")
      .describe("What was changed and why, for the reviewer of the pull request."),
  })
  .describe("Ends the run. Call it once, when the task is done, with a summary of the change.");

export const TOOL_ARG_SCHEMAS = {
  list_files: ZListFilesArgs,
  read_file: ZReadFileArgs,
  search: ZSearchArgs,
  write_file: ZWriteFileArgs,
  run_shell: ZRunShellArgs,
  finish: ZFinishArgs,
} as const satisfies Record<ToolName, z.ZodType>;

export type ToolArgs<T extends ToolName> = z.output<(typeof TOOL_ARG_SCHEMAS)[T]>;

export type ParsedToolArgs<T extends ToolName> = { ok: true; args: ToolArgs<T> } | { ok: false; message: string };

/** Validates a tool's arguments; the message names each bad field, never echoes its value. */
export function parseToolArgs<T extends ToolName>(tool: T, args: unknown): ParsedToolArgs<T> {
  const result = (TOOL_ARG_SCHEMAS[tool] as z.ZodType as z.ZodType<ToolArgs<T>>).safeParse(args, {
    error: (iss) => (iss.input === undefined && iss.code === "invalid_type" ? "is required" : undefined),
  });
  if (result.success) return { ok: true, args: result.data };
  const issues = result.error.issues.map((i) => {
    if (i.code === "unrecognized_keys") return `unknown argument${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}`;
    const at = i.path.length ? i.path.join(".") : "arguments";
    return `${at}: ${i.message}`;
  });
  return { ok: false, message: `invalid arguments for ${tool}: ${issues.join("; ")}` };
}
