// The only way an agent acts. Each call: the stop signal and the kill switches covering the run
// checked (the worker's check "before every tool call"; the heartbeat is the other), arguments
// checked, capability switches applied, the policy asked (a decision record kept), then executed in
// the run's workspace or sandbox, and recorded on the timeline with its redacted output.
// require_approval pauses the run: the call is saved as pending, the requester's approval request
// raised, and RunInterrupted thrown; when the run resumes, the same call comes again and the
// approval's outcome decides it. A shell command's time limit is held against the run's budgets
// before it runs and settled with the time it took (hold-run-resource.ts); a hard budget without
// room ends the run as budget_exhausted, or makes it wait for a raise (wait-for-budget.ts).
//
// Network: a shell command gets it only when its shell facts say it uses the network, the policy
// let it through (a rule allowed it, or it required approval and the approval was granted), the
// egress profile is not "none", and no shell_network switch took it away. What it may reach is the
// profile's (server/policy/egress-rules.ts): registries or an allowlist only through the egress
// proxy, open through slirp4netns; never the host's loopback.
//
// Output that addresses the agent as if it were its instructions is a prompt-injection signal
// (record-injection-signal.ts): recorded with the call, and every later decision of the run sees the
// count (input.context.run.promptInjectionSignals), so the policy can ask a person for what follows.
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import canonicalize from "canonicalize";
import { RunInterrupted, type ToolCall, type ToolGateway, type ToolOutcome } from "../agent/types";
import { TOOL_ARG_SCHEMAS } from "./tool-args";
import { requestApproval } from "../approvals/request-approval";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { coveringSwitches, describeSwitch, removedCapabilities, type CoveringSwitch } from "../kill-switches/covering-switches";
import { decideInput } from "../policy/decide-input";
import { derivedShellFacts, explanationCause, type PolicyDecision } from "../policy/evaluate";
import { recordDecisions } from "../policy/record-decision";
import { redact, redactText, type RedactionCounts } from "../redaction/redact";
import { networkGrant } from "../sandbox/egress-config";
import { runVerifierSnapshot } from "../verifier-profiles/snapshot-verifier-profile";
import { verifierCommandLines } from "../verifier-profiles/verifier-command-lines";
import { appendRunEvent } from "./run-events";
import { asRequester, type RunContext } from "./run-context";
import { executeTool } from "./execute-tool";
import { holdRunResource, underHold, type ResourceHold } from "./hold-run-resource";
import { DEFAULT_LIMITS } from "../sandbox/run-in-sandbox";
import { injectionSignal, recordInjectionSignal, type InjectionSignal } from "./record-injection-signal";
import { killSwitchDecision } from "./kill-switch-decision";
import { transitionRun } from "./run-transitions";

const ACTIONS = { list_files: "tool.list_files", read_file: "tool.file_read", search: "tool.search", write_file: "tool.file_write", run_shell: "tool.shell", finish: "tool.finish" } as const;
const OUTPUT_KEPT = 8_000;

export type GatewayOptions = { run: RunContext; dir: string; owner: string; signal: AbortSignal };

type Pending = { key: string; approvalId: string };
/** What a call's timeline event keeps beyond its decision and output. */
type Granted = { network?: string | false; egress?: unknown; contentSha256?: string; refusedCall?: string };

const callKey = (c: ToolCall) => canonicalize({ tool: c.tool, args: c.args })!;
const callHash = (c: ToolCall) => createHash("sha256").update(callKey(c)).digest("hex");

export function createToolGateway(o: GatewayOptions): ToolGateway {
  const { run } = o;
  // Prompt-injection signals so far: every decision sees them (input.context.run).
  let signals = run.promptInjectionSignals;
  return {
    async call(call) {
      if (o.signal.aborted) throw new RunInterrupted("stopped", String(o.signal.reason ?? "stopped"));
      const schema = TOOL_ARG_SCHEMAS[call.tool];
      const parsed = schema?.safeParse(call.args);
      const switches = await coveringSwitches(db, { tenantId: run.tenantId, repositoryId: run.repositoryId, campaignId: run.campaignId }, "running");
      if (switches.length) {
        // The call the switch refused is kept like any decision (one that cannot be read has no input to keep).
        const s = switches[0]!;
        if (parsed?.success) await refuseBySwitch(o, call, policyInput(run, call.tool, parsed.data as Record<string, unknown>, signals), s);
        throw new RunInterrupted("stopped", `stopped by ${describeSwitch(s)}`);
      }
      if (!schema || !parsed?.success) {
        const why = schema ? parsed!.error!.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("; ") : `unknown tool ${call.tool}`;
        return record(o, call, null, { status: "error", output: `invalid call: ${why}` }, 0, {});
      }
      const args = parsed.data as Record<string, unknown>;
      const input = policyInput(run, call.tool, args, signals);
      // The facts the policy decides on (one parse, shared with evaluate): a verifier command runs
      // without network, as the run runs it.
      const shell = derivedShellFacts(input.context);
      const usesNetwork = !!shell && shell.usesNetwork && !shell.verifierCommand;
      const capability = await removedCapability(run.tenantId, call.tool, usesNetwork);
      if (capability) return refuseBySwitch(o, call, input, capability);
      // The rules and, for a write, the boundary (forbidden paths): the decision try-an-input shows.
      const decision = decideInput(run.policy.active, input);
      const shadow = run.policy.shadow ? decideInput(run.policy.shadow, input) : undefined;
      const toRecord = { input, decision, shadow, source: "tool", subjectId: run.id };

      let approved = false;
      if (decision.decision === "require_approval") {
        const outcome = (await approvalFor(run, callKey(call))) ?? (await refusedBefore(run, call)) ?? (await pause(o, call, decision, toRecord, signals));
        // A refused approval ends this call only, like a policy denial: the agent may choose another way.
        if (!outcome.granted) {
          await clearPending(run);
          return record(o, call, toRecord, { status: "denied", output: outcome.refusal }, 0, {}, { refusedCall: callHash(call) });
        }
        approved = true;
      }
      // The explanation states the verdict and its cause ("deny (explicit): ... rule ...: reason").
      if (decision.decision === "deny") return record(o, call, toRecord, { status: "denied", output: decision.explanation }, 0, {});
      // A command's time is held against the budgets first. While the run waits for a budget to be
      // raised, a granted approval stays pending with the call, so the resumed run is not asked again.
      const hold = call.tool === "run_shell" ? await holdCommand(o, call, toRecord) : null;
      if (approved) await clearPending(run);
      const policyLetItThrough = decision.decision === "allow" || approved;
      const network = usesNetwork && policyLetItThrough ? networkGrant(run.governance.egressProfile, run.governance.egressAllowlists) : null;
      const started = performance.now();
      const counts: RedactionCounts = {};
      const execute = () => executeTool(o, call.tool, args, { network });
      const { egress, sandboxMs, ...result } = hold ? await underHold(hold, execute, (r) => r.sandboxMs) : await execute();
      // What a tool returns is the agent's input (and may go to a model provider): e-mail addresses
      // and private URLs go too, not only credentials.
      const red = redactText(result.output, { profile: "model" });
      for (const [k, n] of Object.entries(red.counts)) counts[k] = (counts[k] ?? 0) + n;
      let note = Object.keys(counts).length ? `\n[redacted before you saw it: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(", ")}]` : "";
      if (usesNetwork && policyLetItThrough && !network) note += `\n[ran without network: the egress profile here is "none" (${run.governance.sources.join(", ")})]`;
      const granted: Granted = call.tool === "run_shell" ? { network: network ? (network.mode === "open" ? "open" : network.profile) : false, ...(egress ? { egress: redact(egress, {}, { profile: "model" }) } : {}) }
        // What was written, so the boundary check can tell an approved instruction file from a later change (instruction-changes.ts).
        : call.tool === "write_file" && result.status === "ok" ? { contentSha256: createHash("sha256").update(String(args.content)).digest("hex") } : {};
      const signal = injectionSignal({ tool: call.tool, args }, { ...result, output: red.text });
      if (signal) signals++;
      const outcome: ToolOutcome = { ...result, output: red.text + note, ...(signal ? { injection: [...new Set(signal.matches.map((m) => m.pattern))] } : {}) };
      return record(o, call, toRecord, outcome, performance.now() - started, counts, granted, signal);
    },
  };
}

function policyInput(run: RunContext, tool: ToolCall["tool"], args: Record<string, unknown>, promptInjectionSignals: number) {
  const resource = tool === "run_shell" ? { kind: "command" } : tool === "finish" ? { kind: "run" } : { kind: "file", path: String(args.path ?? ".") };
  return {
    action: ACTIONS[tool], resource, subject: { id: `run:${run.id}`, agent: run.task.agentKind },
    context: {
      ...run.place, taskClass: run.taskClass, changeClass: run.taskClass, autonomyLevel: run.task.autonomy, startApproved: run.startApproved,
      run: { promptInjectionSignals },
      ...(tool === "run_shell" ? { command: String(args.command), verifierCommands: verifierCommandLines(runVerifierSnapshot(run).steps) } : {}),
      // A follow-up may write only the files its previous attempt changed (the boundary refuses the rest).
      ...(tool === "write_file" && run.followUp ? { allowedPaths: run.followUp.allowedPaths } : {}),
    },
  };
}

async function removedCapability(tenantId: string, tool: ToolCall["tool"], usesNetwork: boolean): Promise<CoveringSwitch | null> {
  const removed = await removedCapabilities(db, tenantId);
  if (removed.size === 0) return null;
  const hit = (cap: string) => removed.get(cap);
  return (tool === "write_file" ? hit("file_write") : tool === "run_shell" ? hit("shell") ?? (usesNetwork ? hit("shell_network") : undefined) : undefined) ?? null;
}

function refuseBySwitch(o: GatewayOptions, call: ToolCall, input: ReturnType<typeof policyInput>, s: CoveringSwitch): Promise<ToolOutcome> {
  const decided = killSwitchDecision(o.run.policy.active, input, s, o.run.id);
  return record(o, call, decided, { status: "denied", output: decided.decision.explanation }, 0, {});
}

type ApprovalOutcome = { granted: true } | { granted: false; refusal: string };

/**
 * The outcome once the approval for this exact call is decided; null when none was asked or it is
 * still open. The call stays pending until the caller clears it (clearPending), once it goes ahead.
 */
async function approvalFor(run: RunContext, key: string): Promise<ApprovalOutcome | null> {
  const fresh = await db.run.findUniqueOrThrow({ where: { id: run.id }, select: { pendingToolCall: true } });
  const pending = fresh.pendingToolCall as Pending | null;
  if (!pending || pending.key !== key || !pending.approvalId) return null;
  const a = await db.approvalRequest.findFirst({ where: { id: pending.approvalId, tenantId: run.tenantId }, select: { state: true, outcomeReason: true } });
  if (!a || a.state === "pending") return null;
  if (a.state === "approved") return { granted: true };
  // "denied by ...: reason", "expired without a decision", "withdrawn by ...": the outcome says who and why.
  return { granted: false, refusal: `the approval for this call was ${a.outcomeReason ?? a.state}` };
}

const clearPending = (run: RunContext) => db.run.update({ where: { id: run.id }, data: { pendingToolCall: Prisma.DbNull, approvalId: null } });

/**
 * A command's wall time limit, held against the run's budgets. A hard budget without room: the
 * command does not run; the call is kept on the timeline as refused, and the run ends as
 * budget_exhausted (or waits for a raise, and the resumed run issues the call again).
 */
async function holdCommand(o: GatewayOptions, call: ToolCall, decided: Parameters<typeof recordDecisions>[2][number]): Promise<ResourceHold> {
  const command = String(call.args.command);
  try {
    return await holdRunResource(o.run, o.owner, { kind: "sandbox", limitMs: DEFAULT_LIMITS.wallMs, what: `the command \`${command.slice(0, 80)}\`` });
  } catch (e) {
    if (e instanceof RunInterrupted && e.why === "budget_exhausted") await record(o, call, decided, { status: "denied", output: e.message }, 0, {});
    throw e;
  }
}

/** The approvers' answer to this exact call earlier in the run stands: asking them again would only repeat the question. */
async function refusedBefore(run: RunContext, call: ToolCall): Promise<ApprovalOutcome | null> {
  const earlier = await db.runEvent.findFirst({
    where: { runId: run.id, tenantId: run.tenantId, kind: "tool_call", data: { path: ["refusedCall"], equals: callHash(call) } },
    orderBy: { seq: "asc" }, select: { data: true },
  });
  if (!earlier) return null;
  const before = (earlier.data as { output?: string }).output ?? "refused";
  return { granted: false, refusal: before.startsWith("this exact call") ? before : `this exact call was refused earlier in this run, so it is not asked again: ${before}` };
}

async function pause(o: GatewayOptions, call: ToolCall, decision: PolicyDecision, toRecord: Parameters<typeof recordDecisions>[2][number], signals: number): Promise<never> {
  const { run } = o;
  const command = call.tool === "run_shell" ? String(call.args.command) : undefined;
  await asRequester(run, "run.approval.request", async (ctx) => {
    const approval = await requestApproval(ctx, {
      kind: "tool_call", subjectType: "run", subjectId: run.id, action: `${call.tool}:${run.toolCalls + 1}`,
      title: command ? `Run \`${command.slice(0, 120)}\` in ${run.repository.owner}/${run.repository.name}` : `${call.tool} ${String(call.args.path ?? "")} in ${run.repository.owner}/${run.repository.name}`,
      proposal: {
        tool: call.tool, ...(command ? { command } : { path: call.args.path }), repository: `${run.repository.owner}/${run.repository.name}`, run: run.id,
        ...(signals ? { promptInjectionSignals: signals } : {}),
      },
      risk: "high", contextKey: `repository:${run.repositoryId}`, place: run.place, policyDecision: decision,
    });
    await recordDecisions(ctx.tx, run.tenantId, [toRecord]);
    await ctx.tx.run.update({ where: { id: run.id }, data: { pendingToolCall: { key: callKey(call), approvalId: approval.id }, approvalId: approval.id } });
    const moved = await transitionRun(ctx.tx, run.id, {
      to: "awaiting_approval", leaseOwner: o.owner, audit: ctx.audit, cause: `${call.tool} needs approval: ${explanationCause(decision)}`,
      data: { approval: approval.id, tool: call.tool, rule: decision.decidingRule ? `${decision.decidingRule.policy}/${decision.decidingRule.rule}` : null },
    });
    if (!moved) throw new RunInterrupted("stopped", "the run was stopped while asking for approval");
  });
  throw new RunInterrupted("awaiting_approval", `${call.tool} waits for approval`);
}

async function record(
  o: GatewayOptions, call: ToolCall, decided: Parameters<typeof recordDecisions>[2][number] | null, out: ToolOutcome, ms: number, counts: RedactionCounts,
  granted: Granted = {}, signal: InjectionSignal | null = null,
): Promise<ToolOutcome> {
  const d = decided?.decision;
  // The arguments are stored redacted too (a write's content may hold what a read returned), and counted.
  const args = clip(redact(call.args, counts, { profile: "model" }));
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ redactions: Record<string, number> }[]>`SELECT redactions FROM "Run" WHERE id = ${o.run.id} AND "leaseOwner" = ${o.owner} FOR UPDATE`;
    if (!row) throw new RunInterrupted("stopped", "the run's lease was lost");
    if (decided) await recordDecisions(tx, o.run.tenantId, [decided]);
    const merged = { ...row.redactions };
    for (const [k, n] of Object.entries(counts)) merged[k] = (merged[k] ?? 0) + n;
    await tx.run.update({ where: { id: o.run.id }, data: { toolCalls: { increment: 1 }, redactions: merged as Prisma.InputJsonObject } });
    const rule = d?.decidingRule ? `${d.decidingRule.policy}/${d.decidingRule.rule}` : null;
    const seq = await appendRunEvent(tx, o.run, {
      kind: "tool_call", message: toolCallMessage(call, out, decided),
      data: {
        tool: call.tool, args, status: out.status, exitCode: out.exitCode ?? null, durationMs: Math.round(ms),
        decision: d?.decision ?? null, rule, killSwitch: decided?.killSwitchId ?? null, explanation: d?.explanation ?? null,
        output: out.output.length > OUTPUT_KEPT ? `${out.output.slice(0, OUTPUT_KEPT)}\n[… ${out.output.length - OUTPUT_KEPT} more characters]` : out.output,
        redactions: counts, ...granted,
      },
    });
    if (signal) await recordInjectionSignal(tx, o.run, signal, seq);
  });
  return out;
}

/** "run_shell ok (allow by p/r)", "write_file denied by p/r", "run_shell denied by a kill switch": each thing said once. */
function toolCallMessage(call: ToolCall, out: ToolOutcome, decided: Parameters<typeof recordDecisions>[2][number] | null): string {
  const d = decided?.decision;
  if (!d) return `${call.tool} ${out.status}`;
  const by = decided.killSwitchId ? "a kill switch" : d.decidingRule ? `${d.decidingRule.policy}/${d.decidingRule.rule}` : null;
  if (out.status === "denied") return `${call.tool} denied${d.decision === "require_approval" ? " at approval" : by ? ` by ${by}` : ` (${d.denyKind ?? "deny"})`}`;
  return `${call.tool} ${out.status} (${d.decision}${by ? ` by ${by}` : ""})`;
}

function clip(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) out[k] = typeof v === "string" && v.length > 2_000 ? `${v.slice(0, 2_000)}… (${v.length} characters)` : v;
  return out;
}
