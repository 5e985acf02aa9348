"use client";

import { ArrowRight, CheckCircle2, CircleDot, FileText, Hand, MessageSquareWarning, ScrollText, ShieldAlert, Wrench } from "lucide-react";
import Link from "next/link";
import { Badge, type Tone } from "../ui/badge";
import { CommandBlock } from "../ui/command-block";
import { formatDateTime } from "../ui/format";
import { KeyValues } from "../ui/key-values";
import { withoutVerdict } from "../policy/without-verdict";
import { RunStateBadge } from "./run-badges";
import type { RunEventView } from "./types";

const ICON = { transition: CircleDot, tool_call: Wrench, approval: Hand, verifier: CheckCircle2, log: ScrollText, kill_switch: ShieldAlert, prompt_injection: MessageSquareWarning } as const;
const DECISION_TONE: Record<string, Tone> = { allow: "green", deny: "red", require_approval: "amber" };
const STATUS_TONE: Record<string, Tone> = { ok: "green", error: "red", denied: "red" };

const str = (v: unknown) => (typeof v === "string" ? v : null);
const time = (iso: string) => formatDateTime(iso, true).slice(11, 19);

function ToolCall({ e }: { e: RunEventView }) {
  const d = e.data ?? {};
  const args = (d.args && typeof d.args === "object" ? d.args : {}) as Record<string, unknown>;
  const command = str(args.command);
  const output = str(d.output);
  const rest = Object.fromEntries(Object.entries(args).filter(([k]) => k !== "command" && k !== "content"));
  return (
    <div className="mt-1.5 space-y-2">
      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        <Badge tone="indigo"><span className="font-mono">{str(d.tool) ?? "tool"}</span></Badge>
        {d.status ? <Badge tone={STATUS_TONE[String(d.status)] ?? "neutral"}>{String(d.status)}</Badge> : null}
        {d.decision ? <Badge tone={DECISION_TONE[String(d.decision)] ?? "neutral"}>{d.killSwitch ? "kill switch" : "policy"}: {String(d.decision).replaceAll("_", " ")}</Badge> : null}
        {d.rule ? <span className="font-mono text-slate-700">{String(d.rule)}</span> : null}
        {typeof d.exitCode === "number" ? <span className="text-slate-700">exit {d.exitCode}</span> : null}
        {typeof d.durationMs === "number" ? <span className="text-slate-600">{d.durationMs} ms</span> : null}
        {typeof d.network === "string" ? <Badge tone="amber">network: {d.network.replaceAll("_", " ")}</Badge> : null}
      </div>
      {d.explanation ? <p className="text-xs text-slate-700">{withoutVerdict(String(d.explanation))}</p> : null}
      <Egress attempts={d.egress} />
      {command ? <CommandBlock command={command} label={`Command of event ${e.seq}`} className="text-xs" /> : null}
      {Object.keys(rest).length ? <KeyValues value={rest} depth={1} /> : null}
      {typeof args.content === "string" ? (
        <details>
          <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">Content written ({args.content.length.toLocaleString("en-US")} characters)</summary>
          <pre tabIndex={0} className="mt-1 max-h-60 overflow-auto rounded bg-slate-50 px-2 py-1.5 font-mono text-xs whitespace-pre-wrap text-slate-900">{args.content}</pre>
        </details>
      ) : null}
      {output ? (
        <details open={d.status !== "ok"}>
          <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">Output (redacted)</summary>
          <pre tabIndex={0} className="mt-1 max-h-60 overflow-auto rounded bg-slate-900 px-2 py-1.5 font-mono text-xs whitespace-pre-wrap text-slate-100">{output}</pre>
        </details>
      ) : null}
    </div>
  );
}

type EgressAttempt = { destination: string; allowed: boolean; reason?: string; count: number };

/** What a command asked the egress proxy for: each destination allowed or refused, and why. */
function Egress({ attempts }: { attempts: unknown }) {
  if (!Array.isArray(attempts) || attempts.length === 0) return null;
  return (
    <ul aria-label="Network destinations" className="space-y-0.5 text-xs">
      {(attempts as EgressAttempt[]).map((a) => (
        <li key={a.destination} className="flex flex-wrap items-center gap-1.5">
          <Badge tone={a.allowed ? "green" : "red"}>{a.allowed ? "allowed" : "refused"}</Badge>
          <span className="font-mono text-slate-900">{a.destination}</span>
          {a.count > 1 ? <span className="text-slate-600">×{a.count}</span> : null}
          {a.reason ? <span className="text-slate-700">{a.reason}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Verifier({ e }: { e: RunEventView }) {
  const d = e.data ?? {};
  const argv = Array.isArray(d.argv) ? d.argv.map(String).join(" ") : null;
  return (
    <div className="mt-1.5 space-y-2">
      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        <Badge tone={d.passed ? "green" : "red"}>{d.passed ? "passed" : "failed"}</Badge>
        {typeof d.exitCode === "number" ? <span className="text-slate-700">exit {d.exitCode}</span> : null}
        {typeof d.durationMs === "number" ? <span className="text-slate-600">{d.durationMs} ms</span> : null}
        {d.limit ? <Badge tone="amber">{String(d.limit)} limit</Badge> : null}
      </div>
      {argv ? <CommandBlock command={argv} label={`Verifier command of event ${e.seq}`} className="text-xs" /> : null}
      {str(d.output) ? (
        <details>
          <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">Output (redacted)</summary>
          <pre tabIndex={0} className="mt-1 max-h-60 overflow-auto rounded bg-slate-900 px-2 py-1.5 font-mono text-xs whitespace-pre-wrap text-slate-100">{String(d.output)}</pre>
        </details>
      ) : null}
    </div>
  );
}

type InjectionMatch = { line: number; pattern: string; excerpt: string; path?: string };

/** Text in a tool's output that addressed the agent: where it was and what it said (redacted), recorded as data. */
function PromptInjection({ e }: { e: RunEventView }) {
  const d = e.data ?? {};
  const matches = Array.isArray(d.matches) ? (d.matches as InjectionMatch[]) : [];
  const query = str(d.query);
  const feedback = str(d.feedbackBy) ? `review feedback by ${str(d.feedbackBy)}` : null;
  const source = str(d.command) ?? (query ? `search "${query}"${str(d.path) ? ` in ${str(d.path)}` : ""}` : str(d.path) ?? feedback);
  return (
    <div className="mt-1.5 space-y-2">
      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        <Badge tone="amber">prompt-injection signal</Badge>
        {str(d.tool) ? <Badge tone="indigo"><span className="font-mono">{str(d.tool)}</span></Badge> : null}
        {source ? <span className="font-mono break-all text-slate-800">{source}</span> : null}
        {typeof d.toolCallSeq === "number" ? <span className="text-slate-600">output of event {d.toolCallSeq}</span> : null}
      </div>
      <ul aria-label="Instruction-like text found" className="space-y-1 text-xs">
        {matches.map((m, i) => (
          <li key={i} className="flex flex-wrap items-baseline gap-1.5">
            <span className="text-slate-700">{m.path ? <span className="font-mono">{m.path}</span> : null} line {m.line}</span>
            <span className="font-mono text-amber-900">{m.pattern}</span>
            <q className="font-mono break-all text-slate-900">{m.excerpt}</q>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the event's data says that the kinds above do not show. */
function Extra({ tenant, e }: { tenant: string; e: RunEventView }) {
  const d = e.data ?? {};
  const approval = str(d.approval);
  const rest = Object.fromEntries(Object.entries(d).filter(([k]) => k !== "approval"));
  return (
    <div className="mt-1 space-y-1 text-xs">
      {approval ? <Link href={`/${tenant}/approvals/${approval}`} className="font-medium text-indigo-700 hover:underline">Open the approval request</Link> : null}
      {Object.keys(rest).length ? <KeyValues value={rest} depth={1} /> : null}
    </div>
  );
}

/** The run's events in order: transitions, tool calls with their decision and rule, prompt-injection signals, approvals, verifiers, log lines. */
export function RunTimeline({ tenant, events }: { tenant: string; events: RunEventView[] }) {
  return (
    <ol className="relative space-y-3 border-l border-slate-200 pl-5" aria-label="Run timeline">
      {events.map((e) => {
        const Icon = ICON[e.kind as keyof typeof ICON] ?? FileText;
        return (
          <li key={e.seq} className="relative" data-testid="run-event" data-kind={e.kind}>
            <span className="absolute top-0.5 -left-[1.85rem] flex size-5 items-center justify-center rounded-full bg-white ring-1 ring-slate-300" aria-hidden="true">
              <Icon className="size-3 text-slate-700" />
            </span>
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <time dateTime={e.at} title={formatDateTime(e.at, true)} className="font-mono text-xs text-slate-600 tabular-nums">{time(e.at)}</time>
              <span className="text-xs font-medium tracking-wide text-slate-600 uppercase">{e.kind.replaceAll("_", " ")}</span>
              {e.toState ? (
                <span className="inline-flex items-center gap-1">
                  {e.fromState ? <><RunStateBadge state={e.fromState} /><ArrowRight aria-hidden="true" className="size-3 text-slate-500" /><span className="sr-only">to</span></> : null}
                  <RunStateBadge state={e.toState} />
                </span>
              ) : null}
            </div>
            <p className="mt-0.5 text-sm break-words text-slate-900">{e.message}</p>
            {e.kind === "tool_call" ? <ToolCall e={e} />
              : e.kind === "verifier" ? <Verifier e={e} />
              : e.kind === "prompt_injection" ? <PromptInjection e={e} />
              : e.data && Object.keys(e.data).length ? <Extra tenant={tenant} e={e} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
