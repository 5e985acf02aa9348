// Model-driven runs end to end: the tenant's endpoint set through the domain operation (key sealed),
// a model task created and executed by the worker step (executeRun) against a scripted
// chat-completions server on loopback, in a real bubblewrap sandbox on a clone of a demo remote
// whose main holds a file of seeded secrets. The server records every request it receives: no
// seeded secret may reach it, nor the run's timeline.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyOutcome } from "../wiring/approval-consumers";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { startScriptedModelServer, step, type ScriptStep, type ScriptedModelServer } from "../agent/testing/scripted-model-server";
import { db } from "../db/client";
import { setModelEndpoint } from "../model-endpoints/set-model-endpoint";
import type { SetModelEndpointInput } from "../model-endpoints/model-endpoint-input";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { createTask } from "./create-task";
import { executeRun } from "./execute-run";

ownApprovalQueues("model-runs");

const rand = (n: number, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join("");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// Fresh for each test run, so a match can only come from this run's leak.
const SEEDED = {
  awsKeyId: `AKIA${rand(16)}`,
  awsSecret: rand(40, ALNUM),
  githubToken: `ghp_${rand(36, ALNUM)}`,
  password: `pw-${rand(16, ALNUM)}`,
  email: `ops-${rand(8, "abcdefghijklmnopqrstuvwxyz")}@example.com`,
  privateHost: "10.20.30.40",
};
const SECRETS = [SEEDED.awsKeyId, SEEDED.awsSecret, SEEDED.githubToken, SEEDED.password];
const DEPLOY_ENV = [
  `AWS_ACCESS_KEY_ID=${SEEDED.awsKeyId}`,
  `AWS_SECRET_ACCESS_KEY=${SEEDED.awsSecret}`,
  `GITHUB_TOKEN=${SEEDED.githubToken}`,
  `DEPLOY_PASSWORD=${SEEDED.password}`,
  `ONCALL=${SEEDED.email}`,
  `INTERNAL_API=http://${SEEDED.privateHost}:8080/v1`,
  "",
].join("\n");
const API_KEY = `sk-fleetgate-test-${randomBytes(16).toString("hex")}`;

let tenant: TestTenant;
let admin: TestPerson;
let operator: TestPerson;
let approver: TestPerson;
let repositoryId: string;
const servers: ScriptedModelServer[] = [];

/** acme/web-frontend's demo remote with one more commit: config/deploy.env full of secrets. */
function remoteWithSecrets(demoRemote: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "fg-model-remote-"));
  const work = path.join(root, "work");
  const gitEnv = { PATH: "/usr/bin:/bin", HOME: root, GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.test" } as Record<string, string> as NodeJS.ProcessEnv;
  const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env: gitEnv, stdio: "pipe" });
  git(root, "clone", "--quiet", demoRemote, work);
  mkdirSync(path.join(work, "config"), { recursive: true });
  writeFileSync(path.join(work, "config/deploy.env"), DEPLOY_ENV);
  git(work, "add", "config/deploy.env");
  git(work, "commit", "--quiet", "-m", "deploy settings");
  git(root, "clone", "--quiet", "--bare", work, path.join(root, "remote.git"));
  return path.join(root, "remote.git");
}

async function scripted(...script: ScriptStep[]): Promise<ScriptedModelServer> {
  const s = await startScriptedModelServer(script);
  servers.push(s);
  return s;
}

const configure = (input: Partial<SetModelEndpointInput> & { baseUrl: string }) =>
  runAs(admin.id, tenant, "model-runs", (ctx) => setModelEndpoint(ctx, { model: "gpt-test", ...input }));

const startModelTask = (instruction = "Write deployment notes and check the tests still pass.") =>
  runAs(operator.id, tenant, "model-runs", (ctx) => createTask(ctx, {
    repositoryId, taskClass: "config_migration", instruction, autonomy: "dry_run_patch", agent: { kind: "model" },
  }));

beforeAll(async () => {
  tenant = await createTestTenant("model-runs");
  admin = await addPerson(tenant, ["tenant_admin"], "tenant-admin");
  operator = await addPerson(tenant, ["operator"], "operator");
  approver = await addPerson(tenant, ["approver"], "approver");
  const remotes = await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")));
  const remote = remoteWithSecrets(remotes.get("acme/web-frontend")!);
  repositoryId = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "web-frontend", remoteUrl: remote, verifierProfile: "node-test" } })).id;
});

afterAll(async () => {
  for (const s of servers) await s.close();
});

describe("model tasks", () => {
  it("are refused at body.agent.kind while the tenant has no model endpoint, saying where to set one; nothing is created", async () => {
    const before = await db.run.count({ where: { tenantId: tenant.id } });
    await expect(startModelTask()).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringMatching(/^body\.agent\.kind: this tenant has no model endpoint.*Admin → Model endpoint/),
      details: { issues: [{ path: "body.agent.kind" }] },
    });
    expect(await db.run.count({ where: { tenantId: tenant.id } })).toBe(before);
  });

  it("run the model's tool calls to a patch: costed, redactions counted by kind, and no seeded secret reaches the model or the timeline", async () => {
    const server = await scripted(
      step.call("list_files", { recursive: true }),
      step.call("read_file", { path: "config/deploy.env" }),
      step.call("write_file", { path: "NOTES.md", content: "Deployment settings live in config/deploy.env (values are kept out of the repository's docs).\n" }, { promptTokens: 120, completionTokens: 30 }),
      step.call("run_shell", { command: "node --test" }),
      step.finish("Added NOTES.md about the deployment settings; node --test passes."),
    );
    await configure({ baseUrl: server.url, apiKey: API_KEY, maxTurns: 10, maxOutputTokens: 2_000, timeoutMs: 10_000 });
    const { runId, state } = await startModelTask(`Document the deploy settings. Ask ${SEEDED.email} if unsure.`);
    expect(state).toBe("queued");

    expect(await executeRun(runId)).toBe("succeeded");
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { artifacts: true, costs: { orderBy: { at: "asc" } } } });
    expect(run).toMatchObject({ state: "succeeded", failureClass: null, summary: "Added NOTES.md about the deployment settings; node --test passes." });
    expect(run.artifacts).toHaveLength(1);
    expect(run.artifacts[0]!.content).toContain("+Deployment settings live in config/deploy.env");

    // Costed per call with the price in force (gpt-test has none of its own: the platform's default,
    // $3 in and $15 out per million tokens), each request bounded by max_tokens; the run's counters add up.
    expect(server.requests).toHaveLength(5);
    for (const r of server.requests) expect((r.body as { max_tokens: number }).max_tokens).toBe(2_000);
    const models = run.costs.filter((c) => c.kind === "model");
    expect(models.map((u) => [u.subject, u.inputTokens, u.outputTokens, u.costMicros])).toEqual([
      ["gpt-test", 10, 5, 105n], ["gpt-test", 10, 5, 105n], ["gpt-test", 120, 30, 810n], ["gpt-test", 10, 5, 105n], ["gpt-test", 10, 5, 105n],
    ]);
    expect(models.every((u) => u.latencyMs! >= 0 && u.tenantId === tenant.id && u.defaulted && u.priceId === "price_platform_model_default" && !u.expired)).toBe(true);
    expect(run).toMatchObject({ modelCalls: 5, inputTokens: 160, outputTokens: 50, toolCalls: 5 });
    // The shell command and each verifier step are costed by their wall time; the run's cost is the sum.
    const sandbox = run.costs.filter((c) => c.kind === "sandbox");
    expect(sandbox).toHaveLength(1);
    expect(sandbox[0]!.costMicros).toBe(BigInt(Math.ceil(sandbox[0]!.quantity * 30 / 1000)));
    expect(run.costs.filter((c) => c.kind === "verifier").length).toBeGreaterThan(0);
    expect(run.costMicros).toBe(run.costs.reduce((sum, c) => sum + c.costMicros, 0n));
    // Every hold ended exactly once, settled (nothing is left reserved), and the timeline says the model had no price of its own.
    const holds = await db.costReservation.findMany({ where: { runId } });
    expect(holds.map((h) => h.state)).toEqual(holds.map(() => "settled"));
    expect(holds).toHaveLength(run.costs.length);
    expect(await db.runEvent.count({ where: { runId, kind: "log", message: { contains: '"gpt-test" has no price of its own' } } })).toBe(1);

    // What was redacted, by kind: the task's e-mail by the adapter; the file's credentials, e-mail and
    // private URL by the gateway, before the agent (and the model) saw the tool's output.
    expect(run.redactions).toEqual({ aws_key: 1, aws_secret_key: 1, github_token: 1, password_assignment: 1, email: 2, private_url: 1 });

    // The model was sent the key in its header only, and none of the seeded values at all; it was
    // told that its input was redacted.
    for (const r of server.requests) {
      expect(r.headers.authorization).toBe(`Bearer ${API_KEY}`);
      for (const v of [...SECRETS, SEEDED.email, SEEDED.privateHost, API_KEY]) expect(r.rawBody, `request to ${r.path}`).not.toContain(v);
    }
    const messages = (server.requests[2]!.body as { messages: { role: string; content: string | null }[] }).messages;
    expect(messages[1]!.content).toContain("[Fleetgate: 1 part was redacted from this task before you saw it (email: 1)");
    expect(messages.at(-1)!.content).toMatch(/AWS_ACCESS_KEY_ID=\[REDACTED:aws_key\]\n[\s\S]*ONCALL=\[REDACTED:email\]\nINTERNAL_API=\[REDACTED:private_url\]/);
    // The gateway redacted the file's output (credentials, the e-mail and the private URL) and said so.
    const note = /\[redacted before you saw it: ([^\]]+)\]/.exec(messages.at(-1)!.content ?? "")?.[1]?.split(", ").sort();
    expect(note).toEqual(["1 aws_key", "1 aws_secret_key", "1 email", "1 github_token", "1 password_assignment", "1 private_url"]);

    // Nothing stored about the run holds a seeded secret or the key.
    const stored = JSON.stringify({
      events: await db.runEvent.findMany({ where: { runId } }),
      run: { ...run, artifacts: undefined, costs: undefined },
      artifacts: run.artifacts,
      audit: await db.auditEvent.findMany({ where: { tenantId: tenant.id } }),
      endpoint: await db.modelEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.id } }),
    }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    for (const v of [...SECRETS, API_KEY]) expect(stored).not.toContain(v);
    const events = await db.runEvent.findMany({ where: { runId, kind: "tool_call" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => (e.data as { tool: string }).tool)).toEqual(["list_files", "read_file", "write_file", "run_shell", "finish"]);
    // The timeline says what each call's redaction removed, by kind: the counts are not taken for secrets.
    expect((events[1]!.data as { redactions: unknown }).redactions).toEqual({ aws_key: 1, aws_secret_key: 1, github_token: 1, password_assignment: 1, email: 1, private_url: 1 });
  });

  it("a refused approval ends that call only, as the instructions say: the model is told once who refused and why, and carries on", async () => {
    const server = await scripted(
      step.call("run_shell", { command: "curl --version" }),
      step.call("run_shell", { command: "curl --version" }),
      step.call("write_file", { path: "TOOLING.md", content: "curl is not needed to build.\n" }),
      step.call("run_shell", { command: "node --test" }),
      step.finish("Documented the tooling without the network."),
    );
    await configure({ baseUrl: server.url, apiKey: API_KEY, maxTurns: 10, timeoutMs: 10_000 });
    const { runId } = await startModelTask("Check the tooling.");
    expect(await executeRun(runId)).toBe("waiting for approval");
    const { approvalId } = await db.run.findUniqueOrThrow({ where: { id: runId } });
    await runAs(approver.id, tenant, "model-runs", (ctx) => voteOnApproval(ctx, approvalId!, { vote: "deny", reason: "no network today" }));
    expect((await applyOutcome(approvalId!)).result).toBe("the run is queued again");
    expect(await executeRun(runId)).toBe("succeeded");

    const answered = (i: number) => (server.requests[i]!.body as { messages: { role: string; content: string | null }[] }).messages.at(-1)!.content;
    // The approver's address is an e-mail: redacted before the model sees it, like any other.
    expect(answered(1)).toMatch(/^the approval for this call was denied by \[REDACTED:email\]: no network today\n\n\[Fleetgate: 1 part was redacted/);
    // Asked again for exactly the same call, the approvers are not asked twice: the refusal stands.
    expect(answered(2)).toMatch(/^this exact call was refused earlier in this run, so it is not asked again: the approval for this call was denied by \[REDACTED:email\]: no network today/);
    expect(await db.approvalRequest.count({ where: { tenantId: tenant.id, subjectId: runId } })).toBe(1);
    // A command's exit code is said once: "exit code: 0", then the command's own output.
    expect(answered(4)).toMatch(/^exit code: 0\n(?!exit)/);
    const calls = await db.runEvent.findMany({ where: { runId, kind: "tool_call" }, orderBy: { seq: "asc" } });
    expect(calls.map((e) => e.message)).toEqual([
      "run_shell denied at approval", "run_shell denied at approval", expect.stringMatching(/^write_file ok \(allow by /), expect.stringMatching(/^run_shell ok \(allow by /), expect.stringMatching(/^finish ok \(allow by /),
    ]);
  });

  it("an endpoint that answers garbage fails the run as agent_error, saying what came back, without the body", async () => {
    const server = await scripted({ raw: "<html><body>502 upstream sad</body></html>", contentType: "text/html" });
    await configure({ baseUrl: server.url, timeoutMs: 10_000 });
    const { runId } = await startModelTask();
    expect(await executeRun(runId)).toMatch(/^failed: /);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ state: "failed", failureClass: "agent_error", leaseOwner: null });
    expect(run.failureMessage).toBe("the model endpoint answered with a body that is not JSON (HTTP 200, text/html)");
    // A 2xx the adapter cannot use may have been billed: costed at what was held, marked so.
    expect(await db.costEntry.findMany({ where: { runId }, select: { kind: true, expired: true } })).toEqual([{ kind: "model", expired: true }]);
  });

  it("an endpoint that does not answer in time fails the run as timeout", async () => {
    const server = await scripted({ ...step.finish("too late"), delayMs: 5_000 });
    await configure({ baseUrl: server.url, timeoutMs: 1_000 });
    const { runId } = await startModelTask();
    // The answer would come after 5 s and finish the run otherwise: the class alone shows the limit held.
    expect(await executeRun(runId)).toMatch(/^failed: /);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      state: "failed", failureClass: "timeout", failureMessage: "the model did not answer within 1000 ms", leaseOwner: null,
    });
  });

  it("an endpoint nobody listens on fails the run as agent_error naming the connection error", async () => {
    const server = await startScriptedModelServer();
    const url = server.url;
    await server.close();
    await configure({ baseUrl: url, timeoutMs: 5_000 });
    const { runId } = await startModelTask();
    await executeRun(runId);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      state: "failed", failureClass: "agent_error", failureMessage: "could not reach the model endpoint (ECONNREFUSED)",
    });
  });

  it("a key that cannot be opened fails the run as infrastructure, telling the admin what to do; the model is never called", async () => {
    const server = await scripted(step.finish("never"));
    await configure({ baseUrl: server.url, apiKey: API_KEY });
    // As after NEXTAUTH_SECRET changed, or a row copied from another tenant.
    const other = await createTestTenant("model-runs-other");
    const { sealSecret } = await import("../secrets/secret-box");
    await db.modelEndpoint.update({ where: { tenantId: tenant.id }, data: { keySealed: sealSecret(API_KEY, "model", other.id) } });
    const { runId } = await startModelTask();
    await executeRun(runId);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ state: "failed", failureClass: "infrastructure" });
    expect(run.failureMessage).toMatch(/^the model endpoint cannot be used: the model API key cannot be decrypted .*set the key again in Admin → Model endpoint$/);
    expect(server.requests).toHaveLength(0);
  });
});
