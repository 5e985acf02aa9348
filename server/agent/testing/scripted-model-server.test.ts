import { afterEach, describe, expect, it } from "vitest";
import { startScriptedModelServer, step, type ScriptedModelServer } from "./scripted-model-server";

let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("scripted model server", () => {
  it("replays its script in order, records requests, and says when it runs out", async () => {
    server = await startScriptedModelServer([step.call("read_file", { path: "a" }, { promptTokens: 7, completionTokens: 2 })]);
    server.push((req) => step.text(`you sent ${(req.body as { messages: unknown[] }).messages.length} messages`));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);

    const first = await (await post(server.url, { model: "m1", messages: [{ role: "user", content: "hi" }] }, { authorization: "Bearer k" })).json();
    expect(first).toMatchObject({
      object: "chat.completion", model: "m1",
      choices: [{ message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "read_file", arguments: '{"path":"a"}' } }] }, finish_reason: "tool_calls" }],
      usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 },
    });
    const second = await (await post(server.url, { messages: [1, 2, 3] })).json();
    expect(second.choices[0].message.content).toBe("you sent 3 messages");
    const third = await post(server.url, {});
    expect(third.status).toBe(500);
    expect(await third.json()).toEqual({ error: { message: "scripted model server: script exhausted after 2 replies", code: "script_exhausted" } });

    expect(server.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ["POST", "/v1/chat/completions", "Bearer k"], ["POST", "/v1/chat/completions", undefined], ["POST", "/v1/chat/completions", undefined],
    ]);
    expect(server.requests[0]!.body).toEqual({ model: "m1", messages: [{ role: "user", content: "hi" }] });
    expect(server.remaining).toBe(0);
  });

  it("answers other paths 404, sends raw bodies as given, and closes with a reply still pending", async () => {
    server = await startScriptedModelServer([{ raw: "not json", status: 200, contentType: "text/plain" }, { ...step.text("late"), delayMs: 60_000 }]);
    expect((await fetch(`${server.url}/models`)).status).toBe(404);
    expect(await (await post(server.url, {})).text()).toBe("not json");
    const pending = post(server.url, {}).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    server = undefined;
    expect(await pending).toBeInstanceOf(Error);
  });
});
