// A real HTTP server on loopback that speaks the chat-completions protocol from a script, for
// unit tests, e2e (a Playwright global setup can start one and hand its url to the worker) and the
// bench. It replays its steps in order, one per request, and records every request it receives
// with all its headers (tests check the Authorization header arrives, and that nothing else
// carries the key) and its parsed body.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedToolCall = { name: string; arguments?: string | Record<string, unknown>; id?: string };
export type ScriptedUsage = { promptTokens: number; completionTokens: number };

export type RecordedRequest = { method: string; path: string; headers: IncomingHttpHeaders; rawBody: string; body: unknown; receivedAt: Date };

/** An assistant message; usage defaults to 10 + 5 tokens, null leaves it out. */
export type ReplyStep = { reply: { content?: string | null; toolCalls?: ScriptedToolCall[]; usage?: ScriptedUsage | null; model?: string; finishReason?: string }; delayMs?: number };

export type ScriptStep =
  | ReplyStep
  /** Any body, sent as given (garbage, HTML, truncated JSON). */
  | { raw: string; status?: number; contentType?: string; delayMs?: number }
  /** An HTTP status with a JSON body (an error from the provider). */
  | { status: number; json?: unknown; delayMs?: number }
  /** Decide from the request (e.g. echo what the last tool result said). */
  | ((request: RecordedRequest) => ScriptStep);

export const DEFAULT_USAGE: ScriptedUsage = { promptTokens: 10, completionTokens: 5 };

/** Step builders for the common cases. */
export const step = {
  tools: (calls: ScriptedToolCall[], usage?: ScriptedUsage): ReplyStep => ({ reply: { toolCalls: calls, usage } }),
  call: (name: string, args: Record<string, unknown> = {}, usage?: ScriptedUsage): ReplyStep => ({ reply: { toolCalls: [{ name, arguments: args }], usage } }),
  text: (content: string, usage?: ScriptedUsage): ReplyStep => ({ reply: { content, usage } }),
  finish: (summary: string, usage?: ScriptedUsage): ReplyStep => ({ reply: { toolCalls: [{ name: "finish", arguments: { summary } }], usage } }),
};

export type ScriptedModelServer = {
  /** The base URL to configure (".../v1"); requests go to {url}/chat/completions. */
  url: string;
  requests: RecordedRequest[];
  /** Steps not yet replayed. */
  readonly remaining: number;
  push(...steps: ScriptStep[]): void;
  close(): Promise<void>;
};

export async function startScriptedModelServer(script: ScriptStep[] = [], options: { basePath?: string } = {}): Promise<ScriptedModelServer> {
  const basePath = options.basePath ?? "/v1";
  const queue = [...script];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let served = 0;
  let callSeq = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: unknown = rawBody;
      try {
        body = JSON.parse(rawBody);
      } catch {
        // kept as text: a test may want to see what arrived
      }
      const recorded: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, rawBody, body, receivedAt: new Date() };
      requests.push(recorded);
      if (req.method !== "POST" || req.url !== `${basePath}/chat/completions`) return send(res, 404, { error: { message: "not found", code: "not_found" } });
      let next = queue.shift();
      if (!next) return send(res, 500, { error: { message: `scripted model server: script exhausted after ${served} replies`, code: "script_exhausted" } });
      served++;
      while (typeof next === "function") next = next(recorded);
      const s = next;
      const answer = () => {
        if ("reply" in s) send(res, 200, completion(s.reply, String((body as { model?: unknown })?.model ?? "scripted-model"), () => `call_${++callSeq}`, served));
        else if ("raw" in s) {
          if (res.destroyed) return;
          res.writeHead(s.status ?? 200, { "content-type": s.contentType ?? "text/plain" });
          res.end(s.raw);
        } else send(res, s.status, s.json ?? { error: { message: `scripted HTTP ${s.status}`, code: "scripted_error" } });
      };
      if (!s.delayMs) return answer();
      const t = setTimeout(() => {
        timers.delete(t);
        answer();
      }, s.delayMs);
      timers.add(t);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    get remaining() {
      return queue.length;
    },
    push: (...steps) => void queue.push(...steps),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, json: unknown) {
  if (res.destroyed) return; // the client gave up (a timeout test)
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(json));
}

function completion(reply: ReplyStep["reply"], model: string, nextId: () => string, n: number) {
  const toolCalls = reply.toolCalls?.map((c) => ({
    id: c.id ?? nextId(),
    type: "function",
    function: { name: c.name, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments ?? {}) },
  }));
  const usage = reply.usage === null ? undefined : (reply.usage ?? DEFAULT_USAGE);
  return {
    id: `chatcmpl-scripted-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? model,
    choices: [{ index: 0, message: { role: "assistant", content: reply.content ?? null, ...(toolCalls?.length ? { tool_calls: toolCalls } : {}) }, finish_reason: reply.finishReason ?? (toolCalls?.length ? "tool_calls" : "stop") }],
    ...(usage ? { usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens } } : {}),
  };
}
