"use client";

import { AlertTriangle } from "lucide-react";
import type { Problem } from "./types";

/** Every problem of the draft, each a button that puts the cursor on its line. */
export function ProblemList({ problems, onJump }: { problems: Problem[]; onJump: (p: Problem) => void }) {
  if (!problems.length) return null;
  return (
    <section aria-labelledby="problems-heading" className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
      <h3 id="problems-heading" className="flex items-center gap-1.5 text-sm font-medium text-red-900">
        <AlertTriangle aria-hidden="true" className="size-4" />
        {problems.length === 1 ? "1 problem" : `${problems.length} problems`}: nothing can be saved until they are fixed
      </h3>
      <ul className="mt-1 space-y-0.5">
        {problems.map((p, i) => (
          <li key={`${p.source}-${p.line}-${i}`}>
            <button
              type="button"
              onClick={() => onJump(p)}
              className="w-full rounded px-1 py-0.5 text-left text-xs text-red-900 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span className="font-mono font-semibold">{p.source === "policy" ? "Policy" : "Tests"} line {p.line}</span>{" "}
              {p.path ? <><span className="font-mono text-red-800">{p.path}</span>{" "}</> : null}
              <span>{p.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
