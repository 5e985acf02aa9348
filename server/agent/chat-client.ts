// One request to an OpenAI-compatible POST {baseUrl}/chat/completions with tool calling. Every
// answer is checked before the agent loop sees it; whatever goes wrong comes back as a failure
// class and a message built from facts (status, error code, schema paths), never from the body
// or the request, so neither the API key nor anything the provider echoes can leak through it.
// The key travels only in the Authorization header and is never logged.
import { z } from "zod";
import { stoppedError } from "./stop-run";
import type { FunctionTool } from "./tool-definitions";
import type { AgentFailureClass, ModelUsage } from "./types";

/** maxOutputTokens is sent as max_tokens: with the request's size it bounds what a call can cost. */
export type ChatConfig = { baseUrl: string; model: string; apiKey: string; maxOutputTokens: number };

export const MAX_RESPONSE_BYTES = 8 << 20;

export const ZChatToolCall = z.strictObject({
  id: z.string().min(1),
  type: z.literal("function"),
  function: z.strictObject({ name: z.string(), arguments: z.string() }),
});
export type ChatToolCall = z.infer<typeof ZChatToolCall>;

export const ZChatMessage = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("system"), content: z.string() }),
  z.strictObject({ role: z.literal("user"), content: z.string() }),
  z.strictObject({ role: z.literal("assistant"), content: z.string().nullable(), tool_calls: z.array(ZChatToolCall).optional() }),
  z.strictObject({ role: z.literal("tool"), tool_call_id: z.string(), content: z.string() }),
]);
export type ChatMessage = z.infer<typeof ZChatMessage>;

const ZUsage = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().int().nonnegative().optional() }).nullish(),
});

// Lenient where providers differ harmlessly (type omitted, arguments as an object); the usage is
// required, because without it the token budget could not be enforced.
const ZCompletion = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().min(1),
                type: z.literal("function").optional(),
                function: z.object({ name: z.string(), arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).optional() }),
              }),
            )
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1, "no choices"),
  usage: ZUsage,
});

export type ChatReply = { content: string | null; toolCalls: ChatToolCall[]; finishReason: string | null };
export type ChatResult =
  | { ok: true; reply: ChatReply; usage: ModelUsage }
  /**
   * usage is set when the answer said what it cost, so it is costed even when unusable. billed:
   * without usage, whether the provider may have charged for the request (it timed out, or
   * answered 2xx without saying) rather than certainly not (never reached, refused it).
   */
  | { ok: false; failureClass: AgentFailureClass; message: string; usage?: ModelUsage; billed?: boolean };

type Failure = Extract<ChatResult, { ok: false }>;
const failed = (message: string, usage?: ModelUsage): Failure => ({ ok: false, failureClass: "agent_error", message, ...(usage ? { usage } : {}) });

/** The request body as sent: its size in bytes bounds the request's input tokens. */
export function chatRequestBody(config: ChatConfig, request: { messages: readonly ChatMessage[]; tools: readonly FunctionTool[] }): string {
  return JSON.stringify({ model: config.model, messages: request.messages, tools: request.tools, tool_choice: "auto", max_tokens: config.maxOutputTokens });
}

/**
 * Sends the conversation (body from chatRequestBody). Resolves with a reply or a failure; throws RunInterrupted only when
 * the run's own signal aborted (a stop), so the caller stops rather than failing the run.
 */
export async function requestChatCompletion(
  config: ChatConfig,
  body: string,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<ChatResult> {
  // Checked here so no library error can quote an unusable key back.
  if (!/^[\x21-\x7e]*$/.test(config.apiKey)) return failed("the model API key is not a valid header value (spaces, line breaks or non-ASCII characters)");
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const started = performance.now();
  let status: number;
  let contentType: string;
  let text: string | null;
  try {
    const res = await fetch(`${config.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body,
      signal: AbortSignal.any([options.signal, timeout]),
      // A redirect could lead past the endpoint's address checks (to http, or into a private network).
      redirect: "manual",
    });
    status = res.status;
    contentType = res.headers.get("content-type") ?? "no content type";
    text = await readBounded(res);
  } catch (e) {
    if (options.signal.aborted) throw stoppedError(options.signal);
    if (timeout.aborted) return { ok: false, failureClass: "timeout", message: `the model did not answer within ${options.timeoutMs} ms`, billed: true };
    // The code only (ECONNREFUSED, ENOTFOUND, ...): a message could quote the URL or a header.
    const code = (e as { cause?: { code?: unknown } }).cause?.code;
    return failed(`could not reach the model endpoint (${typeof code === "string" ? code : (e as Error).name})`);
  }
  const latencyMs = Math.round(performance.now() - started);
  if (text === null) return failed(`the model's response is larger than ${MAX_RESPONSE_BYTES >> 20} MiB`);
  if (status >= 300 && status < 400) return failed(`the model endpoint answered a redirect (HTTP ${status}); redirects are not followed`);

  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    if (status >= 400) return failed(`the model endpoint answered HTTP ${status}`);
    return { ...failed(`the model endpoint answered with a body that is not JSON (HTTP ${status}, ${contentType.split(";")[0]})`), billed: true };
  }
  if (status >= 400) return failed(`the model endpoint answered HTTP ${status}${errorCode(answer)}`);

  const usageParsed = ZUsage.safeParse((answer as { usage?: unknown } | null)?.usage);
  const model = typeof (answer as { model?: unknown })?.model === "string" ? (answer as { model: string }).model : config.model;
  const usage = usageParsed.success
    ? { model, inputTokens: usageParsed.data.prompt_tokens, outputTokens: usageParsed.data.completion_tokens, cachedTokens: usageParsed.data.prompt_tokens_details?.cached_tokens ?? 0, latencyMs }
    : undefined;
  const parsed = ZCompletion.safeParse(answer, { error: (iss) => (iss.input === undefined ? "missing" : undefined) });
  if (!parsed.success || !usage) {
    const issues = parsed.success ? ["usage: missing"] : parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
    return { ...failed(`the model's response is not a chat completion (${issues.join("; ")})`, usage), billed: true };
  }
  const choice = parsed.data.choices[0]!;
  const toolCalls = (choice.message.tool_calls ?? []).map((c) => ({
    id: c.id,
    type: "function" as const,
    function: { name: c.function.name, arguments: typeof c.function.arguments === "object" ? JSON.stringify(c.function.arguments) : (c.function.arguments ?? "") },
  }));
  return { ok: true, reply: { content: choice.message.content ?? null, toolCalls, finishReason: choice.finish_reason ?? null }, usage };
}

/** The body as text, or null past MAX_RESPONSE_BYTES (the rest is not read). */
async function readBounded(res: Response): Promise<string | null> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A provider's machine-readable error code (" (invalid_api_key)"), never its free-text message. */
function errorCode(body: unknown): string {
  const error = (body as { error?: { code?: unknown; type?: unknown } } | null)?.error;
  const code = [error?.code, error?.type].find((c) => typeof c === "string" && /^[a-z][a-z0-9_.-]{0,40}$/i.test(c));
  return code ? ` (${code as string})` : "";
}
