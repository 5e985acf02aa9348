// A prompt-injection signal on a run: one per tool output that carried instructions addressed to the
// agent, or per piece of review feedback a follow-up run carries (its agent reads it like any other
// text from outside), with where it came from. Counted on the run (Run.promptInjectionSignals: its page, its API,
// and input.context.run.promptInjectionSignals of every later tool call's decision) and kept as a
// `prompt_injection` timeline event, which the tenant's count by day is read from
// (count-injection-signals.ts).
import type { ToolCall, ToolOutcome } from "../agent/types";
import type { Tx } from "../db/client";
import { detectPromptInjection, type InjectionMatch } from "./detect-prompt-injection";
import { appendRunEvent } from "./run-events";

export type InjectionSignal = { tool: ToolCall["tool"]; source: { path?: string; command?: string; query?: string }; matches: InjectionMatch[] };

/** What a tool returned that addresses the agent, or null. Only tools that return repository data or command output are read. */
export function injectionSignal(call: ToolCall, outcome: ToolOutcome): InjectionSignal | null {
  const a = call.args;
  const source =
    call.tool === "read_file" || call.tool === "list_files" ? { path: String(a.path ?? ".") }
    : call.tool === "search" ? { query: String(a.pattern), ...(a.path ? { path: String(a.path) } : {}) }
    : call.tool === "run_shell" ? { command: String(a.command) }
    : null;
  // A shell command's failing output is its output too; a refused file tool returned only our message.
  if (!source || (outcome.status !== "ok" && call.tool !== "run_shell") || outcome.status === "denied") return null;
  const matches = detectPromptInjection(outcome.output, call.tool === "search" ? "search" : "text");
  return matches.length ? { tool: call.tool, source, matches } : null;
}

/** Inside the transaction that records the tool call (toolCallSeq, its timeline event). */
export async function recordInjectionSignal(tx: Tx, run: { id: string; tenantId: string }, signal: InjectionSignal, toolCallSeq: number): Promise<void> {
  await tx.run.update({ where: { id: run.id }, data: { promptInjectionSignals: { increment: 1 } } });
  const where = signal.source.command ? `\`${signal.source.command.slice(0, 80)}\`` : signal.source.path ?? "the checkout";
  const m = signal.matches[0]!;
  const at = `${m.path && m.path !== signal.source.path ? `${m.path} ` : ""}line ${m.line}`;
  await appendRunEvent(tx, run, {
    kind: "prompt_injection",
    message: `prompt-injection signal in the output of ${signal.tool} ${where} (${at}: ${m.pattern}${signal.matches.length > 1 ? `, ${signal.matches.length - 1} more` : ""}): treated as data, never as instruction`,
    data: { tool: signal.tool, toolCallSeq, ...signal.source, matches: signal.matches },
  });
}

/** Review feedback a follow-up run is given (server/github/follow-ups/), inside the transaction that admits it. */
export async function recordFeedbackSignal(tx: Tx, run: { id: string; tenantId: string }, feedback: { by: string; key: string; text: string }): Promise<boolean> {
  const matches = detectPromptInjection(feedback.text);
  if (!matches.length) return false;
  await tx.run.update({ where: { id: run.id }, data: { promptInjectionSignals: { increment: 1 } } });
  const m = matches[0]!;
  await appendRunEvent(tx, run, {
    kind: "prompt_injection",
    message: `prompt-injection signal in review feedback by ${feedback.by} (line ${m.line}: ${m.pattern}${matches.length > 1 ? `, ${matches.length - 1} more` : ""}): treated as data, never as instruction`,
    data: { feedbackBy: feedback.by, feedbackKey: feedback.key, matches },
  });
  return true;
}
