import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "./chat-client";
import { modelAdapter } from "./model-adapter";
import { FakeGateway } from "./testing/fake-gateway";
import { runInput } from "./testing/run-input";
import { startScriptedModelServer, step, type ScriptStep, type ScriptedModelServer } from "./testing/scripted-model-server";
import { RunInterrupted } from "./types";

const KEY = "sk-fleetgate-test-" + randomBytes(16).toString("hex");
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...script: ScriptStep[]) {
  server = await startScriptedModelServer(script);
  return { server, adapter: modelAdapter({ baseUrl: server.url, model: "gpt-test", apiKey: KEY, maxOutputTokens: 512 }) };
}

const messagesOf = (s: ScriptedModelServer, i: number) => (s.requests[i]!.body as { messages: ChatMessage[] }).messages;

describe("modelAdapter", () => {
  it("executes the model's tool calls in order through the gateway and finishes", async () => {
    const { server, adapter } = await serve(
      step.call("list_files", { recursive: true }),
      step.tools([{ name: "read_file", arguments: { path: "src/a.js" } }, { name: "write_file", arguments: { path: "src/a.js", content: "let a = 1;\n" } }]),
      step.call("run_shell", { command: "npm test" }, { promptTokens: 40, completionTokens: 7 }),
      step.finish("Replaced var with let in src/a.js; tests pass."),
    );
    const gateway = new FakeGateway({ files: { "src/a.js": "var a = 1;\n", "README.md": "# x\n" } });
    const run = runInput(gateway, { instruction: "Use let instead of var." });
    const result = await adapter.run(run.input);

    expect(result).toEqual({ outcome: "finished", summary: "Replaced var with let in src/a.js; tests pass." });
    expect(gateway.trace).toEqual(["list_files .", "read_file src/a.js", "write_file src/a.js", "run_shell npm test", "finish Replaced var with let in src/a.js; tests pass."]);
    expect(gateway.files.get("src/a.js")).toBe("let a = 1;\n");

    // The protocol: tools offered with tool_choice auto; each tool result answers its call's id.
    expect(server.requests).toHaveLength(4);
    const first = server.requests[0]!.body as { model: string; tools: { function: { name: string } }[]; tool_choice: string };
    expect(first.model).toBe("gpt-test");
    expect(first.tool_choice).toBe("auto");
    expect(first.tools.map((t) => t.function.name)).toEqual(["list_files", "read_file", "search", "write_file", "run_shell", "finish"]);
    const third = messagesOf(server, 2);
    expect(third.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "assistant", "tool", "tool"]);
    const assistant = third[4] as Extract<ChatMessage, { role: "assistant" }>;
    expect(third.slice(5).map((m) => (m as { tool_call_id: string }).tool_call_id)).toEqual(assistant.tool_calls!.map((c) => c.id));
    expect(third[3]).toMatchObject({ role: "tool", content: "README.md\nsrc/a.js" });
    expect(messagesOf(server, 3).at(-1)).toMatchObject({ role: "tool", content: "exit code: 0\n$ npm test" });

    expect(run.usage).toEqual([
      { model: "gpt-test", inputTokens: 10, outputTokens: 5, cachedTokens: 0, latencyMs: expect.any(Number) },
      { model: "gpt-test", inputTokens: 10, outputTokens: 5, cachedTokens: 0, latencyMs: expect.any(Number) },
      { model: "gpt-test", inputTokens: 40, outputTokens: 7, cachedTokens: 0, latencyMs: expect.any(Number) },
      { model: "gpt-test", inputTokens: 10, outputTokens: 5, cachedTokens: 0, latencyMs: expect.any(Number) },
    ]);
    // Every request is bounded (max_tokens) and held first, for exactly what was sent; each hold
    // settled once with the usage its answer reported.
    for (const r of server.requests) expect((r.body as { max_tokens: number }).max_tokens).toBe(512);
    expect(run.holds).toEqual(server.requests.map((r) => ({ requestBytes: Buffer.byteLength(r.rawBody), maxOutputTokens: 512, ended: "settled" })));
  });

  it("sends the key in the Authorization header and nowhere else", async () => {
    const { server, adapter } = await serve(step.call("read_file", { path: "a.txt" }), step.finish("done"));
    await adapter.run(runInput(new FakeGateway({ files: { "a.txt": "hello" } })).input);
    expect(server.requests).toHaveLength(2);
    for (const r of server.requests) {
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.rawBody).not.toContain(KEY);
      const { authorization: _, ...others } = r.headers;
      expect(JSON.stringify(others)).not.toContain(KEY);
      expect(r.path).toBe("/v1/chat/completions");
    }
  });

  it("keeps the key out of every failure message, even when the provider echoes it", async () => {
    const { adapter } = await serve({ status: 401, json: { error: { message: `Incorrect API key provided: ${KEY}`, type: "invalid_request_error", code: "invalid_api_key" } } });
    const runs = [runInput(new FakeGateway()), runInput(new FakeGateway()), runInput(new FakeGateway())];
    const results = [await adapter.run(runs[0]!.input)];
    const closed = await startScriptedModelServer();
    const url = closed.url;
    await closed.close();
    results.push(await modelAdapter({ baseUrl: url, model: "m", apiKey: KEY, maxOutputTokens: 64 }).run(runs[1]!.input));
    // A key no header may carry is refused before any request, without quoting it.
    results.push(await modelAdapter({ baseUrl: server!.url, model: "m", apiKey: `${KEY}\nX-Injected: 1`, maxOutputTokens: 64 }).run(runs[2]!.input));
    // Refused by the endpoint, never reached, never sent: nothing was billed, so each hold is released.
    expect(runs.map((r) => r.holds.map((h) => h.ended))).toEqual([["released"], ["released"], ["released"]]);
    expect(results).toEqual([
      { outcome: "failed", failureClass: "agent_error", message: "the model endpoint answered HTTP 401 (invalid_api_key)" },
      { outcome: "failed", failureClass: "agent_error", message: "could not reach the model endpoint (ECONNREFUSED)" },
      { outcome: "failed", failureClass: "agent_error", message: "the model API key is not a valid header value (spaces, line breaks or non-ASCII characters)" },
    ]);
    for (const r of results) expect(JSON.stringify(r)).not.toContain(KEY.slice(8));
    expect(server!.requests).toHaveLength(1);
  });

  it("redacts the instruction and tool outputs before they reach the model, and says so", async () => {
    const token = "ghp_" + randomBytes(18).toString("hex");
    const secret = randomBytes(30).toString("base64").slice(0, 40);
    const { server, adapter } = await serve(step.call("read_file", { path: ".env" }), step.finish("Rotated nothing; reported the leak."));
    // A gateway that forgot to redact: the adapter still must not forward these.
    const gateway = new FakeGateway({ files: { ".env": `AWS_SECRET_ACCESS_KEY=${secret}\nAPI=http://10.1.2.3:8080/v1\nOWNER=ada@example.com\n` } });
    const run = runInput(gateway, { instruction: `Check the deploy script; it uses ${token} and mails ops@example.com.` });
    const result = await adapter.run(run.input);
    expect(result.outcome).toBe("finished");
    // Reported for the run's record, by kind: the instruction's, then the tool output's.
    expect(run.redactions).toEqual([{ github_token: 1, email: 1 }, { aws_secret_key: 1, private_url: 1, email: 1 }]);

    for (const r of server.requests) {
      for (const seeded of [token, secret, "10.1.2.3", "ada@example.com", "ops@example.com"]) expect(r.rawBody).not.toContain(seeded);
    }
    const [, user, , tool] = messagesOf(server, 1);
    expect(user!.content).toBe(
      "Check the deploy script; it uses [REDACTED:github_token] and mails [REDACTED:email].\n\n" +
        "[Fleetgate: 2 parts were redacted from this task before you saw it (github_token: 1, email: 1). They read [REDACTED:<kind>].]",
    );
    expect(tool!.content).toBe(
      "AWS_SECRET_ACCESS_KEY=[REDACTED:aws_secret_key]\nAPI=[REDACTED:private_url]\nOWNER=[REDACTED:email]\n\n\n" +
        "[Fleetgate: 3 parts were redacted from this output before you saw it (aws_secret_key: 1, private_url: 1, email: 1). They read [REDACTED:<kind>].]",
    );
  });

  it("resumes from its checkpoint with exactly the interrupted call, then continues without repeating earlier calls", async () => {
    const { server, adapter } = await serve(
      step.tools([
        { name: "read_file", arguments: { path: "a.txt" } },
        { name: "write_file", arguments: { path: "a.txt", content: "hello, world" } },
        { name: "run_shell", arguments: { command: "npm test" } },
      ]),
      step.finish("Greeted the world."),
    );
    const first = new FakeGateway({
      files: { "a.txt": "hello" },
      interrupt: (c) => (c.tool === "write_file" ? new RunInterrupted("awaiting_approval", "write a.txt waits for approval apr_1") : undefined),
    });
    const run1 = runInput(first);
    await expect(adapter.run(run1.input)).rejects.toMatchObject({ name: "RunInterrupted", why: "awaiting_approval" });
    expect(first.trace).toEqual(["read_file a.txt", "write_file a.txt"]);
    const saved = run1.checkpoints.at(-1) as { pending: { next: number }; messages: ChatMessage[] };
    expect(saved.pending.next).toBe(1);
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved); // what the pipeline stores as JSON

    // Approved: a new adapter run from the stored state.
    const second = new FakeGateway({ files: { "a.txt": "hello" } });
    const result = await modelAdapter({ baseUrl: server.url, model: "gpt-test", apiKey: KEY, maxOutputTokens: 512 }).run(runInput(second, { state: JSON.parse(JSON.stringify(saved)) }).input);
    expect(result).toEqual({ outcome: "finished", summary: "Greeted the world." });
    expect(second.trace).toEqual(["write_file a.txt", "run_shell npm test", "finish Greeted the world."]);
    expect(second.files.get("a.txt")).toBe("hello, world");

    // The model was asked twice in all; its second request holds one answer per call, in order.
    expect(server.requests).toHaveLength(2);
    const messages = messagesOf(server, 1);
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "tool", "tool"]);
    const ids = (messages[2] as Extract<ChatMessage, { role: "assistant" }>).tool_calls!.map((c) => c.id);
    expect(messages.slice(3).map((m) => (m as { tool_call_id: string }).tool_call_id)).toEqual(ids);
    expect(messages[3]!.content).toBe("hello");
  });

  it("lets the model see a denial and carry on", async () => {
    const { server, adapter } = await serve(step.call("run_shell", { command: "curl https://example.com" }), step.finish("Could not fetch; left as is."));
    const gateway = new FakeGateway({ respond: (c) => (c.tool === "run_shell" ? { status: "denied", output: "deny (explicit): platform policy platform rule egress: network egress is off for this repository" } : undefined) });
    expect(await adapter.run(runInput(gateway).input)).toMatchObject({ outcome: "finished" });
    expect(messagesOf(server, 1).at(-1)).toMatchObject({ content: "deny (explicit): platform policy platform rule egress: network egress is off for this repository" });
  });
});
