import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "./chat-client";
import { modelAdapter, type ModelAdapterConfig } from "./model-adapter";
import { FakeGateway } from "./testing/fake-gateway";
import { runInput } from "./testing/run-input";
import { startScriptedModelServer, step, type ScriptStep, type ScriptedModelServer } from "./testing/scripted-model-server";
import { RunInterrupted, type AgentLimits } from "./types";

let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runScript(script: ScriptStep[], options: { limits?: Partial<AgentLimits>; config?: Partial<ModelAdapterConfig>; gateway?: FakeGateway } = {}) {
  server = await startScriptedModelServer(script);
  const gateway = options.gateway ?? new FakeGateway({ files: { "a.txt": "hello" } });
  const run = runInput(gateway, { instruction: "Do the thing.", limits: options.limits });
  const result = await modelAdapter({ baseUrl: server.url, model: "gpt-test", apiKey: "sk-x", ...options.config }).run(run.input);
  return { result, gateway, run, server };
}

const failed = (failureClass: string, message: string | RegExp) => ({ outcome: "failed", failureClass, message: typeof message === "string" ? message : expect.stringMatching(message) });

describe("modelAdapter failures", () => {
  it.each<[string, ScriptStep, ReturnType<typeof failed>]>([
    ["an HTML page", { raw: "<html><body>Bad gateway</body></html>", contentType: "text/html; charset=utf-8" }, failed("agent_error", "the model endpoint answered with a body that is not JSON (HTTP 200, text/html)")],
    ["truncated JSON", { raw: '{"choices": [', contentType: "application/json" }, failed("agent_error", /body that is not JSON/)],
    ["no choices", { raw: JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 0 } }), contentType: "application/json" }, failed("agent_error", "the model's response is not a chat completion (choices: no choices)")],
    ["a tool call without an id", { raw: JSON.stringify({ choices: [{ message: { tool_calls: [{ function: { name: "finish", arguments: "{}" } }] } }], usage: { prompt_tokens: 1, completion_tokens: 1 } }) }, failed("agent_error", /not a chat completion \(choices\.0\.message\.tool_calls\.0\.id: /)],
    ["no usage", { reply: { content: "hi", usage: null } }, failed("agent_error", "the model's response is not a chat completion (usage: missing)")],
    ["HTTP 500", { status: 500 }, failed("agent_error", "the model endpoint answered HTTP 500 (scripted_error)")],
    ["HTTP 429 with free text", { status: 429, json: { error: { message: "Rate limit reached for org-123 on tokens: Limit 10000, Used 9999. Please retry." } } }, failed("agent_error", "the model endpoint answered HTTP 429")],
    ["HTTP 502 with HTML", { raw: "<h1>502</h1>", status: 502, contentType: "text/html" }, failed("agent_error", "the model endpoint answered HTTP 502")],
  ])("fails clearly on %s", async (_name, bad, expected) => {
    const { result, gateway } = await runScript([bad, step.finish("never")]);
    expect(result).toEqual(expected);
    expect(gateway.calls).toEqual([]);
  });

  it("meters an unusable answer that said what it cost", async () => {
    const { run } = await runScript([{ raw: JSON.stringify({ model: "gpt-test-0613", choices: [], usage: { prompt_tokens: 3, completion_tokens: 0 } }) }]);
    expect(run.usage).toEqual([{ model: "gpt-test-0613", inputTokens: 3, outputTokens: 0, latencyMs: expect.any(Number) }]);
  });

  it("times out a request that takes longer than requestTimeoutMs", async () => {
    // The answer would come (a finish) had the request not been cut at its limit.
    const { result } = await runScript([{ ...step.finish("late"), delayMs: 3_000 }], { limits: { requestTimeoutMs: 200 } });
    expect(result).toEqual(failed("timeout", "the model did not answer within 200 ms"));
  });

  it("stops at the turn limit", async () => {
    const { result, gateway, server } = await runScript([step.call("list_files"), step.call("list_files"), step.call("list_files")], { limits: { maxTurns: 2 } });
    expect(result).toEqual(failed("agent_error", "turn limit 2 reached"));
    expect(server.requests).toHaveLength(2);
    expect(gateway.trace).toEqual(["list_files .", "list_files ."]);
  });

  it("stops when the token budget is spent, before running the answer that overspent it", async () => {
    const { result, gateway, run } = await runScript(
      [step.call("read_file", { path: "a.txt" }, { promptTokens: 60, completionTokens: 30 }), step.call("run_shell", { command: "rm -rf src" }, { promptTokens: 80, completionTokens: 5 })],
      { limits: { tokenBudget: 100 } },
    );
    expect(result).toEqual(failed("budget_exhausted", "token budget of 100 exhausted (175 used over 2 turns)"));
    expect(gateway.trace).toEqual(["read_file a.txt"]);
    expect(run.usage.map((u) => u.inputTokens + u.outputTokens)).toEqual([90, 85]);
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
    await expect(modelAdapter({ baseUrl: server.url, model: "m", apiKey: "k" }).run(run.input)).rejects.toBe(stop);
  });

  it("propagates what the gateway throws, untouched", async () => {
    const boom = new RunInterrupted("stopped", "cancelled by ada");
    const gateway = new FakeGateway({ interrupt: () => boom });
    server = await startScriptedModelServer([step.call("list_files")]);
    await expect(modelAdapter({ baseUrl: server.url, model: "m", apiKey: "k" }).run(runInput(gateway).input)).rejects.toBe(boom);
  });

  it("refuses a saved state it cannot read", async () => {
    server = await startScriptedModelServer();
    for (const state of [{ v: 2 }, { v: 1, messages: "x" }, "garbage"]) {
      const result = await modelAdapter({ baseUrl: server.url, model: "m", apiKey: "k" }).run(runInput(new FakeGateway(), { state }).input);
      expect(result).toEqual(failed("agent_error", "cannot resume: the saved conversation is not in the expected shape"));
    }
    expect(server.requests).toEqual([]);
  });
});
