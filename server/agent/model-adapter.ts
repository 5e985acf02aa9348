// The model-driven agent: a loop against an OpenAI-compatible chat-completions endpoint. The
// model proposes tool calls; each goes through the gateway (policy, approvals, sandbox) in order.
//
// Checkpoints: before each tool call the conversation so far (already redacted), the calls of the
// current assistant message and the index of the next one are saved, and once more after the last
// call. A resume therefore issues again exactly the call that was interrupted (the gateway then
// knows its approval's outcome) and none before it, then carries on. Turns, tokens used and the
// run of bad calls are saved too, so interrupting a run never resets its limits.
//
// Limits: maxTurns model requests; before each request its worst-case cost is held against the
// run's budgets (input.hold: a refusal ends the run as budget_exhausted, naming the budget; or the
// hold throws RunInterrupted while the run waits for the budget to be raised, after the state was
// checkpointed, and the resumed run asks again), and after it the real cost settles; requestTimeoutMs per request ("timeout"); and
// maxBadToolCalls calls in a row that cannot be made (unknown tool, arguments not JSON or not
// valid), each answered to the model with what was wrong.
//
// Stopping: when the run's signal aborts, the adapter throws RunInterrupted at its next step (the
// signal's reason when it is one); a request in flight is aborted at once; a gateway call in
// flight is the gateway's to end, and whatever it throws propagates unchanged.
import { z } from "zod";
import { redactString, type RedactionCounts } from "../redaction/redact";
import { chatRequestBody, requestChatCompletion, ZChatMessage, ZChatToolCall, type ChatConfig, type ChatResult } from "./chat-client";
import { badCallMessage, checkToolCall, NUDGE, openingMessages, toolResultMessage } from "./model-messages";
import { throwIfStopped } from "./stop-run";
import { FUNCTION_TOOLS } from "./tool-definitions";
import type { AgentAdapter, AgentResult, AgentRunInput, CallHold } from "./types";

export type ModelAdapterConfig = ChatConfig & {
  /** Consecutive tool calls that cannot be made before the run fails (default 3). */
  maxBadToolCalls?: number;
};

const ZModelState = z.strictObject({
  v: z.literal(1),
  messages: z.array(ZChatMessage).min(2),
  /** The current assistant message's calls and the index of the next one to issue. */
  pending: z.strictObject({ calls: z.array(ZChatToolCall).min(1), next: z.number().int().min(0) }).nullable(),
  turns: z.number().int().min(0),
  tokens: z.number().int().min(0),
  badCalls: z.number().int().min(0),
});
export type ModelState = z.infer<typeof ZModelState>;

const fail = (message: string, failureClass: "agent_error" | "budget_exhausted" = "agent_error"): AgentResult => ({ outcome: "failed", failureClass, message });

export function modelAdapter(config: ModelAdapterConfig): AgentAdapter {
  return { run: (input) => runModel(config, input) };
}

async function runModel(config: ModelAdapterConfig, input: AgentRunInput): Promise<AgentResult> {
  const { limits, signal } = input;
  const maxBad = config.maxBadToolCalls ?? 3;
  let state: ModelState;
  // Whether the stored checkpoint is the state as it stands: a hold may make the run wait (for a
  // budget to be raised), and the resumed run must not lose, or pay again for, what it was told.
  let saved = input.state != null;
  if (input.state == null) {
    const tally: RedactionCounts = {};
    state = { v: 1, messages: openingMessages(input.instruction, tally), pending: null, turns: 0, tokens: 0, badCalls: 0 };
    await report(input, tally);
  } else {
    const saved = ZModelState.safeParse(input.state);
    if (!saved.success) return fail("cannot resume: the saved conversation is not in the expected shape");
    state = saved.data;
  }

  for (;;) {
    if (state.pending) {
      const ended = await issuePending(state, input, maxBad);
      if (ended) return ended;
      saved = true;
    }
    if (state.turns >= limits.maxTurns) return fail(`turn limit ${limits.maxTurns} reached`);
    throwIfStopped(signal);
    if (!saved) {
      await input.checkpoint(structuredClone(state));
      saved = true;
    }
    const body = chatRequestBody(config, { messages: state.messages, tools: FUNCTION_TOOLS });
    const hold = await input.hold({ model: config.model, requestBytes: Buffer.byteLength(body), maxOutputTokens: config.maxOutputTokens });
    if (!hold.ok) return fail(`stopped before model request ${state.turns + 1}: ${hold.message}`, "budget_exhausted");
    const answer = await requestHeld(config, body, input, hold);
    state.turns++;
    if (answer.usage) state.tokens += answer.usage.inputTokens + answer.usage.outputTokens;
    if (!answer.ok) return { outcome: "failed", failureClass: answer.failureClass, message: answer.message };

    const { content, toolCalls } = answer.reply;
    state.messages.push({ role: "assistant", content, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });
    if (toolCalls.length === 0) {
      // Text alone does nothing; it counts against the same bound as a call that cannot be made.
      if (++state.badCalls >= maxBad) return fail(`the model answered ${maxBad} times in a row without a usable tool call`);
      state.messages.push({ role: "user", content: NUDGE });
      saved = false;
      continue;
    }
    state.pending = { calls: toolCalls, next: 0 };
  }
}

/** Issues the pending calls from `next`; returns a result when the run ends, null to ask the model again. */
async function issuePending(state: ModelState, input: AgentRunInput, maxBad: number): Promise<AgentResult | null> {
  const pending = state.pending!;
  for (let i = pending.next; i < pending.calls.length; i++) {
    pending.next = i;
    await input.checkpoint(structuredClone(state));
    const tc = pending.calls[i]!;
    const checked = checkToolCall(tc);
    if (!checked.ok) {
      state.messages.push(badCallMessage(tc.id, checked.problem));
      if (++state.badCalls >= maxBad) return fail(`${maxBad} tool calls in a row could not be made; the last: ${checked.problem}`);
      continue;
    }
    state.badCalls = 0;
    throwIfStopped(input.signal);
    const outcome = await input.gateway.call(checked.call);
    if (checked.call.tool === "finish" && outcome.status === "ok") {
      return { outcome: "finished", summary: redactString(String(checked.call.args.summary), {}) };
    }
    const tally: RedactionCounts = {};
    state.messages.push(toolResultMessage(tc.id, checked.call, outcome, tally));
    await report(input, tally);
  }
  state.pending = null;
  await input.checkpoint(structuredClone(state));
  return null;
}

/** The request under its hold, which ends exactly once whatever happens (a stop mid-call may have been billed). */
async function requestHeld(config: ModelAdapterConfig, body: string, input: AgentRunInput, hold: Extract<CallHold, { ok: true }>): Promise<ChatResult> {
  let answer: ChatResult;
  try {
    answer = await requestChatCompletion(config, body, { signal: input.signal, timeoutMs: input.limits.requestTimeoutMs });
  } catch (e) {
    await hold.settle(null);
    throw e;
  }
  if (answer.usage) await hold.settle(answer.usage);
  else if (!answer.ok && answer.billed) await hold.settle(null);
  else await hold.release();
  return answer;
}

async function report(input: AgentRunInput, tally: RedactionCounts): Promise<void> {
  if (Object.keys(tally).length && input.redacted) await input.redacted(tally);
}
