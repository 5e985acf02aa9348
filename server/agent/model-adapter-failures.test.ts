import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "./chat-client";
import { modelAdapter, type ModelAdapterConfig } from "./model-adapter";
import { FakeGateway } from "./testing/fake-gateway";
import { runInput } from "./testing/run-input";
import { startScriptedModelServer, step, type ScriptStep, type ScriptedModelServer } from "./testing/scripted-model-server";
import { RunInterrupted, type AgentLimits } from "./types";
import type { HoldRecord } from "./testing/run-input";

let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runScript(script: ScriptStep[], options: { limits?: Partial<AgentLimits>; config?: Partial<ModelAdapterConfig>; gateway?: FakeGateway; refuseFrom?: number } = {}) {
  server = await startScriptedModelServer(script);
  const gateway = options.gateway ?? new FakeGateway({ files: { "a.txt": "hello" } });
  const run = runInput(gateway, { instruction: "Do the thing.", limits: options.limits, refuseFrom: options.refuseFrom });
  const result = await modelAdapter({ baseUrl: server.url, model: "gpt-test", apiKey: "sk-x", maxOutputTokens: 256, ...options.config }).run(run.input);
  return { result, gateway, run, server };
}

const failed = (failureClass: string, message: string | RegExp) => ({ outcome: "failed", failureClass, message: typeof message === "string" ? message : expect.stringMatching(message) });

describe("modelAdapter failures", () => {
  // The last column: how the request's hold ended. An answer that said what it cost settles with that;
  // a 2xx the adapter cannot use, without usage, may have been billed (settled at the reserved
  // amount); an error status was refused by the endpoint (released).
  it.each<[string, ScriptStep, ReturnType<typeof failed>, HoldRecord["ended"]]>([
    ["an HTML page", { raw: "<html><body>Bad gateway</body></html>", contentType: "text/html; charset=utf-8" }, failed("agent_error", "the model endpoint answered with a body that is not JSON (HTTP 200, text/html)"), "settled_unknown"],
    ["truncated JSON", { raw: '{"choices": [', contentType: "application/json" }, failed("agent_error", /body that is not JSON/), "settled_unknown"],
    ["no choices", { raw: JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 0 } }), contentType: "application/json" }, failed("agent_error", "the model's response is not a chat completion (choices: no choices)"), "settled"],
    ["a tool call without an id", { raw: JSON.stringify({ choices: [{ message: { tool_calls: [{ function: { name: "finish", arguments: "{}" } }] } }], usage: { prompt_tokens: 1, completion_tokens: 1 } }) }, failed("agent_error", /not a chat completion \(choices\.0\.message\.tool_calls\.0\.id: /), "settled"],
    ["no usage", { reply: { content: "hi", usage: null } }, failed("agent_error", "the model's response is not a chat completion (usage: missing)"), "settled_unknown"],
    ["HTTP 500", { status: 500 }, failed("agent_error", "the model endpoint answered HTTP 500 (scripted_error)"), "released"],
    ["HTTP 429 with free text", { status: 429, json: { error: { message: "Rate limit reached for org-123 on tokens: Limit 10000, Used 9999. Please retry." } } }, failed("agent_error", "the model endpoint answered HTTP 429"), "released"],
    ["HTTP 502 with HTML", { raw: "<h1>502</h1>", status: 502, contentType: "text/html" }, failed("agent_error", "the model endpoint answered HTTP 502"), "released"],
  ])("fails clearly on %s", async (_name, bad, expected, ended) => {
    const { result, gateway, run } = await runScript([bad, step.finish("never")]);
    expect(result).toEqual(expected);
    expect(gateway.calls).toEqual([]);
    expect(run.holds.map((h) => h.ended)).toEqual([ended]);
  });

  it("costs an unusable answer that said what it cost", async () => {
    const { run } = await runScript([{ raw: JSON.stringify({ model: "gpt-test-0613", choices: [], usage: { prompt_tokens: 3, completion_tokens: 0 } }) }]);
    expect(run.usage).toEqual([{ model: "gpt-test-0613", inputTokens: 3, outputTokens: 0, cachedTokens: 0, latencyMs: expect.any(Number) }]);
  });

  it("times out a request that takes longer than requestTimeoutMs", async () => {
    // The answer would come (a finish) had the request not been cut at its limit.
    const { result, run } = await runScript([{ ...step.finish("late"), delayMs: 3_000 }], { limits: { requestTimeoutMs: 200 } });
    expect(result).toEqual(failed("timeout", "the model did not answer within 200 ms"));
    // The provider may have billed a request it did not answer in time: it costs what was reserved.
    expect(run.holds.map((h) => h.ended)).toEqual(["settled_unknown"]);
  });

  it("stops at the turn limit", async () => {
    const { result, gateway, server } = await runScript([step.call("list_files"), step.call("list_files"), step.call("list_files")], { limits: { maxTurns: 2 } });
    expect(result).toEqual(failed("agent_error", "turn limit 2 reached"));
    expect(server.requests).toHaveLength(2);
    expect(gateway.trace).toEqual(["list_files .", "list_files ."]);
  });

  it("stops before a request its budget refuses, naming the budget: nothing is sent, and every earlier hold ended once", async () => {
    const { result, gateway, run, server } = await runScript(
      [step.call("read_file", { path: "a.txt" }, { promptTokens: 60, completionTokens: 30 }), step.call("run_shell", { command: "rm -rf src" })],
      { refuseFrom: 1 },
    );
    expect(result).toEqual(failed("budget_exhausted", 'stopped before model request 2: the hard run budget "test" has $0.00 left'));
    expect(server.requests).toHaveLength(1);
    expect(gateway.trace).toEqual(["read_file a.txt"]);
    expect(run.holds).toEqual([{ requestBytes: Buffer.byteLength(server.requests[0]!.rawBody), maxOutputTokens: 256, ended: "settled" }]);
    expect(run.usage.map((u) => u.inputTokens + u.outputTokens)).toEqual([90]);
  });

  it("sends max_tokens with every request, the endpoint's maxOutputTokens", async () => {
    const { server } = await runScript([step.call("list_files"), step.finish("done")], { config: { maxOutputTokens: 1_000 } });
    expect(server.requests.map((r) => (r.body as { max_tokens?: unknown }).max_tokens)).toEqual([1_000, 1_000]);
  });

  it("when the run must wait for a budget to be raised, saves its conversation first, and asks again on resume", async () => {
    server = await startScriptedModelServer([step.text("Thinking aloud."), step.finish("done")]);
    const config = { baseUrl: server.url, model: "gpt-test", apiKey: "sk-x", maxOutputTokens: 256 };
    const wait = new RunInterrupted("awaiting_approval", "waits for a budget_raise approval");
    const first = runInput(new FakeGateway(), { waitFrom: 1, waitWith: wait });
    await expect(modelAdapter(config).run(first.input)).rejects.toBe(wait);
    expect(server.requests).toHaveLength(1);
    expect(first.holds.map((h) => h.ended)).toEqual(["settled"]);
    // The text answer and the nudge after it are saved: resuming does not lose (and pay for) that answer again.
    const saved = first.checkpoints.at(-1) as { messages: ChatMessage[]; turns: number; pending: unknown };
    expect(saved).toMatchObject({ turns: 1, pending: null });
    expect(saved.messages.slice(-2)).toEqual([{ role: "assistant", content: "Thinking aloud." }, { role: "user", content: expect.stringMatching(/^Reply with tool calls/) }]);

    const again = runInput(new FakeGateway(), { state: JSON.parse(JSON.stringify(saved)) });
    expect(await modelAdapter(config).run(again.input)).toEqual({ outcome: "finished", summary: "done" });
    expect(server.requests).toHaveLength(2);
    expect((server.requests[1]!.body as { messages: ChatMessage[] }).messages).toEqual(saved.messages);
    expect(again.holds.map((h) => h.ended)).toEqual(["settled"]);
  });

  it("returns bad calls to the model as tool results and fails after N in a row", async () => {
    const { result, gateway, server } = await runScript([
      step.call("delete_repository", { confirm: true }),
      step.tools([{ name: "read_file", arguments: "{path: a.txt" }]),
      step.call("read_file", { path: "/etc/passwd" }),
      step.finish("never"),
    ]);
    expect(result).toEqual(failed("agent_error", "3 tool calls in a row could not be made; the last: invalid arguments for read_file: path: must be relative to the repository root, not absolute"));
    expect(gateway.calls).toEqual([]);
    const lastToolResult = (i: number) => (server.requests[i]!.body as { messages: ChatMessage[] }).messages.at(-1);
    expect(lastToolResult(1)).toMatchObject({ role: "tool", content: 'error: there is no tool named "delete_repository"; the tools are list_files, read_file, search, write_file, run_shell, finish. Nothing was done.' });
    expect(lastToolResult(2)).toMatchObject({ role: "tool", content: "error: the arguments of read_file are not valid JSON. Nothing was done." });
  });

  it("forgives bad calls once a good one is made, and rejects unknown arguments", async () => {
    const { result, gateway, server } = await runScript([
      step.call("read_file", { path: "a.txt", encoding: "latin1" }),
      step.call("read_file", { path: "a.txt" }),
      step.call("search", { pattern: "(", regex: true }),
      step.call("run_shell", { command: "npm ci\nnpm test" }),
      step.finish("done"),
    ]);
    expect(result).toEqual({ outcome: "finished", summary: "done" });
    expect(gateway.trace).toEqual(["read_file a.txt", "finish done"]);
    const contents = server.requests.slice(1).map((r) => (r.body as { messages: ChatMessage[] }).messages.at(-1)!.content);
    expect(contents[0]).toBe('error: invalid arguments for read_file: unknown argument "encoding". Nothing was done.');
    expect(contents[2]).toMatch(/^error: invalid arguments for search: pattern: is not a valid regular expression/);
    expect(contents[3]).toBe("error: invalid arguments for run_shell: command: must be one command line (no line breaks). Nothing was done.");
  });

  it("nudges a model that answers in text, and fails when it keeps doing so", async () => {
    const { result, server } = await runScript([step.text("I will now edit the file."), step.text("Done!"), step.text("Really done.")], { config: { maxBadToolCalls: 3 } });
    expect(result).toEqual(failed("agent_error", "the model answered 3 times in a row without a usable tool call"));
    expect((server.requests[1]!.body as { messages: ChatMessage[] }).messages.slice(-2)).toEqual([
      { role: "assistant", content: "I will now edit the file." },
      { role: "user", content: "Reply with tool calls. When the task is done, call finish with a summary." },
    ]);
  });

  it("stops at once when the run's signal aborts during a request, with the pipeline's reason", async () => {
    server = await startScriptedModelServer([{ ...step.finish("late"), delayMs: 5_000 }]);
    const run = runInput(new FakeGateway(), { limits: { requestTimeoutMs: 10_000 } });
    const stop = new RunInterrupted("stopped", "kill switch: tenant acme");
    setTimeout(() => run.controller.abort(stop), 100);
    // Without the abort the late answer (a finish) would end the run normally: the rejection is the stop.
    await expect(modelAdapter({ baseUrl: server.url, model: "m", apiKey: "k", maxOutputTokens: 256 }).run(run.input)).rejects.toBe(stop);
    // The request was in flight: it may have been billed.
    expect(run.holds.map((h) => h.ended)).toEqual(["settled_unknown"]);
  });

  it("propagates what the gateway throws, untouched", async () => {
    const boom = new RunInterrupted("stopped", "cancelled by ada");
    const gateway = new FakeGateway({ interrupt: () => boom });
    server = await startScriptedModelServer([step.call("list_files")]);
    await expect(modelAdapter({ baseUrl: server.url, model: "m", apiKey: "k", maxOutputTokens: 256 }).run(runInput(gateway).input)).rejects.toBe(boom);
  });

  it("refuses a saved state it cannot read", async () => {
    server = await startScriptedModelServer();
    for (const state of [{ v: 2 }, { v: 1, messages: "x" }, "garbage"]) {
      const result = await modelAdapter({ baseUrl: server.url, model: "m", apiKey: "k", maxOutputTokens: 256 }).run(runInput(new FakeGateway(), { state }).input);
      expect(result).toEqual(failed("agent_error", "cannot resume: the saved conversation is not in the expected shape"));
    }
    expect(server.requests).toEqual([]);
  });
});
