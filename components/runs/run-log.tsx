"use client";

import { useEffect, useRef } from "react";
import type { RunEventView } from "./types";

type Line = { seq: number; kind: "cmd" | "out" | "note" | "bad"; text: string };

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** The events as a terminal would have printed them: commands, their (redacted) output, notes. */
export function logLines(events: RunEventView[]): Line[] {
  const out: Line[] = [];
  for (const e of events) {
    const d = e.data ?? {};
    if (e.kind === "tool_call") {
      const args = (d.args ?? {}) as Record<string, unknown>;
      const what = str(args.command) ? `$ ${str(args.command)}` : `› ${str(d.tool)} ${str(args.path)}`.trimEnd();
      out.push({ seq: e.seq, kind: "cmd", text: what });
      // A refusal's output states the verdict and who refused (policy rule, kill switch, approvers).
      if (d.status === "denied") out.push({ seq: e.seq, kind: "bad", text: str(d.output) || str(d.explanation) });
      else if (str(d.output) && d.tool !== "read_file") out.push({ seq: e.seq, kind: d.status === "error" ? "bad" : "out", text: str(d.output).replace(/\n$/, "") });
      else if (d.tool === "read_file") out.push({ seq: e.seq, kind: "note", text: `(${str(d.output).length.toLocaleString("en-US")} characters read)` });
      if (typeof d.exitCode === "number" && d.exitCode !== 0) out.push({ seq: e.seq, kind: "bad", text: `# exit ${d.exitCode}` });
    } else if (e.kind === "verifier") {
      out.push({ seq: e.seq, kind: "cmd", text: `$ ${Array.isArray(d.argv) ? d.argv.map(String).join(" ") : str(d.name)}` });
      if (str(d.output)) out.push({ seq: e.seq, kind: d.passed ? "out" : "bad", text: str(d.output).replace(/\n$/, "") });
      out.push({ seq: e.seq, kind: d.passed ? "note" : "bad", text: `# ${e.message}` });
    } else {
      out.push({ seq: e.seq, kind: e.toState === "failed" ? "bad" : "note", text: `# ${e.message}` });
    }
  }
  return out;
}

const CLASS: Record<Line["kind"], string> = { cmd: "text-sky-300 font-semibold", out: "text-slate-100", note: "text-slate-300 italic", bad: "text-red-300" };

/** The live redacted log; it keeps to the bottom while the reader is there. */
export function RunLog({ events, live }: { events: RunEventView[]; live: boolean }) {
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);
  const lines = logLines(events);
  useEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  return (
    <pre
      ref={box}
      tabIndex={0}
      role="region"
      aria-label="Run log"
      onScroll={(e) => { const el = e.currentTarget; pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24; }}
      className="max-h-[36rem] min-h-48 overflow-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 whitespace-pre-wrap [overflow-wrap:anywhere] focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      {lines.map((l, i) => <div key={i} className={CLASS[l.kind]}>{l.text}</div>)}
      {live ? <div className="text-slate-400">… following the run</div> : null}
    </pre>
  );
}
