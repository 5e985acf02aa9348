// The tool gateway's network grant and its kill-switch checks, end to end with the real database,
// real bubblewrap and the real egress proxy: a shell command gets network only when its shell facts
// say it uses the network and the policy let it through (here: an approval), then only to the
// egress profile's destinations, never where the profile is "none" or a shell_network switch took it away; a switch with the "running" effect
// stops the run before its next tool call. "The outside" is a server on the host's non-loopback
// address: no test uses the internet.
import { mkdtempSync } from "node:fs";
import http from "node:http";
import type net from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunInterrupted } from "../agent/types";
import { applyOutcome } from "../wiring/approval-consumers";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { db } from "../db/client";
import { env, overrideEnv } from "../env";
import { createPolicyDocument } from "../policy/save-policy-version";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { makeTempWorkspace } from "../sandbox/temp-workspace";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { createTask } from "./create-task";
import { executeRun } from "./execute-run";
import { runContext } from "./run-context";
import { createToolGateway } from "./tool-gateway";

ownApprovalQueues("gateway-net");

const outsideAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address;

let tenant: TestTenant;
let operator: TestPerson;
let approver: TestPerson;
let openRepo: string;
let sealedRepo: string;
let server: http.Server;
let url = "";
let hits = 0;

// A run that changes nothing fails, so every recipe writes a file before its commands.
const recipe = (...runs: string[]) =>
  `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: net-test }\nsteps:\n  - write: { path: NOTES.md, content: "x\\n" }\n${runs.map((r) => `  - run: ${JSON.stringify(r)}\n`).join("")}`;

const start = (repositoryId: string, ...runs: string[]) =>
  runAs(operator.id, tenant, "gateway-net", (ctx) =>
    createTask(ctx, { repositoryId, taskClass: "config_migration", instruction: "test", autonomy: "dry_run_patch", agent: { kind: "recipe", recipe: recipe(...runs) } }));

type CallData = { tool: string; status: string; decision: string | null; rule?: string | null; output: string; network?: string | false; egress?: unknown };
const shellCalls = async (runId: string) =>
  (await db.runEvent.findMany({ where: { runId, kind: "tool_call" }, orderBy: { seq: "asc" } })).map((e) => e.data as CallData).filter((d) => d.tool === "run_shell");

/** Runs the task to its approval, approves it as the approver, and runs it again to the end. */
async function approveAndFinish(runId: string): Promise<string> {
  expect(await executeRun(runId)).toBe("waiting for approval");
  const { approvalId } = await db.run.findUniqueOrThrow({ where: { id: runId } });
  await runAs(approver.id, tenant, "gateway-net", (ctx) => voteOnApproval(ctx, approvalId!, { vote: "approve", reason: "the test's own server" }));
  expect((await applyOutcome(approvalId!)).result).toBe("the run is queued again");
  return executeRun(runId);
}

beforeAll(async () => {
  tenant = await createTestTenant("gateway-net");
  operator = await addPerson(tenant, ["operator"], "operator");
  approver = await addPerson(tenant, ["approver"], "approver");
  const remote = (await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")))).get("acme/web-frontend")!;
  const repo = (name: string) => db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name, remoteUrl: remote, verifierProfile: "node-test" } });
  openRepo = (await repo("web-frontend")).id;
  sealedRepo = (await repo("sealed-service")).id;
  const admin = await addPerson(tenant, ["policy_admin"], "policy-admin");
  const content = `apiVersion: fleetgate/v1
kind: Policy
metadata: { name: sealed-egress, level: repository, target: sealed-service }
rules:
  - id: no-publish
    match: { actions: [tool.shell], resources: [command] }
    when: input.context.shell.commands.exists(c, c.program == 'npm' && c.subcommand == 'publish')
    effect: deny
    reason: agents never publish
governance:
  autonomy_max: dry_run_patch
  egress_profile: none
`;
  const { documentId } = await runAs(admin.id, tenant, "gateway-net", (ctx) => createPolicyDocument(ctx, { content, tests: "", message: "no egress here" }));
  await db.policyVersion.updateMany({ where: { documentId, number: 1 }, data: { state: "active", stateAt: new Date() } });
  server = http.createServer((_req, res) => {
    hits++;
    res.end("hello from outside\n");
  });
  if (outsideAddress) {
    await new Promise<void>((resolve) => server.listen(0, outsideAddress, resolve));
    url = `http://${outsideAddress}:${(server.address() as net.AddressInfo).port}/`;
  }
});

afterAll(async () => {
  if (server.listening) await new Promise((resolve) => server.close(resolve));
});

const pgPort = () => Number(new URL(env().DATABASE_URL).port || 5432);

describe.skipIf(!outsideAddress)(`network for run_shell (the outside: ${outsideAddress ?? "none: this machine has no non-internal IPv4 address"})`, () => {
  // The platform's profile is package_registries: the test's server stands in for a registry (an
  // internal mirror, so its reserved address is trusted explicitly).
  beforeAll(() => overrideEnv({ SANDBOX_PACKAGE_REGISTRIES: `${outsideAddress}:${new URL(url).port}`, SANDBOX_EGRESS_TRUSTED_CIDRS: `${outsideAddress}/32` }));
  afterAll(() => overrideEnv({ SANDBOX_PACKAGE_REGISTRIES: "", SANDBOX_EGRESS_TRUSTED_CIDRS: "" }));

  it("an approved network command reaches the registries through the egress proxy, nothing else, and the record says what it asked for", async () => {
    const before = hits;
    const direct = `node -e "require('http').get('${url}',r=>r.pipe(process.stdout)).on('error',e=>console.log('direct: '+e.code))"`;
    const { runId } = await start(openRepo,
      `curl -sS --max-time 10 ${url} && curl -sS --max-time 5 http://${outsideAddress}:${pgPort()}/ && { curl -sS --max-time 3 telnet://127.0.0.1:${pgPort()} </dev/null; echo "postgres: curl exit $?"; } && ${direct}`);
    expect(await approveAndFinish(runId)).toBe("succeeded");
    const [call] = await shellCalls(runId);
    expect(call).toMatchObject({ status: "ok", decision: "require_approval", network: "package_registries" });
    expect(call!.output).toContain("hello from outside");
    expect(call!.output).toContain(`Fleetgate egress proxy: ${outsideAddress}:${pgPort()} refused: not a destination the package_registries egress profile allows`);
    expect(call!.output).toMatch(/postgres: curl exit 7\b/); // 7: could not connect (the sandbox's own loopback)
    expect(call!.output).toContain("direct: ENETUNREACH"); // no route around the proxy
    expect(call!.output).toContain(`[egress proxy, profile package_registries: allowed ${new URL(url).host}; refused ${outsideAddress}:${pgPort()} (not a destination the package_registries egress profile allows)]`);
    expect(call!.egress).toEqual([
      { destination: new URL(url).host, allowed: true, count: 1 },
      { destination: `${outsideAddress}:${pgPort()}`, allowed: false, reason: "not a destination the package_registries egress profile allows", count: 1 },
    ]);
    expect(hits).toBe(before + 1);
  });

  it("a command the policy lets through that does not use the network by its shell facts gets none, whatever the code it runs tries", async () => {
    const before = hits;
    // Inline code (node -e) is opaque and counts as network, so the probe is a file of the checkout:
    // running it needs approval as workspace code, and approved it still gets no network.
    const probe = `require('http').get('${url}',r=>r.pipe(process.stdout)).on('error',e=>console.log('no network: '+e.code))\n`;
    const { runId } = await runAs(operator.id, tenant, "gateway-net", (ctx) => createTask(ctx, {
      repositoryId: openRepo, taskClass: "config_migration", instruction: "test", autonomy: "dry_run_patch",
      agent: { kind: "recipe", recipe: `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: net-test }\nsteps:\n  - write: { path: probe.cjs, content: ${JSON.stringify(probe)} }\n  - run: node probe.cjs\n` },
    }));
    expect(await approveAndFinish(runId)).toBe("succeeded");
    const [call] = await shellCalls(runId);
    expect(call).toMatchObject({ status: "ok", decision: "require_approval", rule: "platform-tool-calls/shell-workspace-code-needs-approval", network: false });
    expect(call!.output).toContain("no network: ENETUNREACH");
    expect(hits).toBe(before);
  });

  it("where the egress profile is none, an approved network command runs without network and is told why", async () => {
    const before = hits;
    const { runId } = await start(sealedRepo, `curl -sS --max-time 5 ${url} || echo "curl exit $?"`);
    expect(await approveAndFinish(runId)).toBe("succeeded");
    const [call] = await shellCalls(runId);
    expect(call).toMatchObject({ decision: "require_approval", network: false });
    expect(call!.output).toMatch(/curl exit 7\b/);
    expect(call!.output).toContain('[ran without network: the egress profile here is "none"');
    expect(hits).toBe(before);
  });
});

describe("kill switches in the gateway", () => {
  it("shell_network takes away what the shell facts call network, and only that", async () => {
    const sw = await db.killSwitch.create({ data: { tenantId: tenant.id, level: "capability", target: "shell_network", effects: ["running"], reason: "egress incident", setByLabel: "test" } });
    try {
      // rsync is a network tool by the facts (a regex of a few names missed it); "echo curl" only prints a word.
      const denied = await start(openRepo, "rsync --version");
      expect(await executeRun(denied.runId)).toMatch(/^failed: /);
      const [d] = await shellCalls(denied.runId);
      expect(d).toMatchObject({ status: "denied", decision: "deny", rule: null, killSwitch: sw.id });
      expect(d!.output).toBe("refused by kill switch (capability shell_network) set by test: egress incident");
      expect(await db.decisionRecord.findFirstOrThrow({ where: { tenantId: tenant.id, subjectId: denied.runId, killSwitchId: sw.id } })).toMatchObject({
        action: "tool.shell", decision: "deny", decidingRule: null, killSwitchId: sw.id, input: expect.objectContaining({ context: expect.objectContaining({ command: "rsync --version" }) }),
      });
      const allowed = await start(openRepo, "echo curl wget");
      expect(await executeRun(allowed.runId)).toBe("succeeded");
      expect((await shellCalls(allowed.runId))[0]).toMatchObject({ status: "ok", output: expect.stringContaining("curl wget") });
    } finally {
      await db.killSwitch.update({ where: { id: sw.id }, data: { releasedAt: new Date(), releasedByLabel: "test", releaseReason: "over" } });
    }
  });

  it("a switch with the running effect stops the run at its next tool call, without waiting for a heartbeat", async () => {
    // The gateway on its own (no worker, so no heartbeat): only its own check can stop the call.
    const { runId } = await start(openRepo, "true");
    await db.run.update({ where: { id: runId }, data: { leaseOwner: "gateway-test" } });
    const ws = await makeTempWorkspace("fg-gateway-");
    const gateway = createToolGateway({ run: await runContext(runId), dir: ws.dir, owner: "gateway-test", signal: new AbortController().signal });
    const sw = (effects: string[], level = "repository") =>
      db.killSwitch.create({ data: { tenantId: tenant.id, level, target: level === "repository" ? openRepo : null, effects, reason: `incident ${effects.join("+")}`, setByLabel: "test" } });
    const release = (id: string) => db.killSwitch.update({ where: { id }, data: { releasedAt: new Date(), releasedByLabel: "test", releaseReason: "over" } });
    try {
      const newRunsOnly = await sw(["new_runs"], "tenant");
      expect(await gateway.call({ tool: "list_files", args: {} })).toMatchObject({ status: "ok" }); // new_runs does not stop a running run
      await release(newRunsOnly.id);
      const running = await sw(["running"]);
      const stopped = await gateway.call({ tool: "list_files", args: {} }).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(RunInterrupted);
      expect(stopped).toMatchObject({ why: "stopped", message: `stopped by kill switch (repository ${openRepo}) set by test: incident running` });
      // The refused call is on the timeline and kept as the switch's decision, with its input.
      const refused = await db.runEvent.findFirstOrThrow({ where: { runId, kind: "tool_call" }, orderBy: { seq: "desc" } });
      expect(refused).toMatchObject({ message: "list_files denied by a kill switch", data: expect.objectContaining({ status: "denied", killSwitch: running.id }) });
      expect(await db.decisionRecord.findFirstOrThrow({ where: { tenantId: tenant.id, subjectId: runId, killSwitchId: running.id } }))
        .toMatchObject({ action: "tool.list_files", decision: "deny", decidingRule: null, input: expect.objectContaining({ resource: { kind: "file", path: "." } }) });
      await release(running.id);
      expect(await gateway.call({ tool: "list_files", args: {} })).toMatchObject({ status: "ok" });
      expect(await db.runEvent.count({ where: { runId, kind: "tool_call" } })).toBe(3);
    } finally {
      await db.killSwitch.updateMany({ where: { tenantId: tenant.id, releasedAt: null }, data: { releasedAt: new Date(), releasedByLabel: "test", releaseReason: "over" } });
      await ws.remove();
    }
  });
});
