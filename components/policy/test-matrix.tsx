"use client";

import { CheckCircle2, XCircle } from "lucide-react";
import { DecisionBadge } from "../audit/decision-badge";
import { Badge } from "../ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import type { PreviewTest } from "./types";

/** Every test of the suite: expected against actual and the rule that decided; failures first (the server sorts them). */
export function TestMatrix({ tests, onJump }: { tests: PreviewTest[]; onJump: (line: number) => void }) {
  const failed = tests.filter((t) => !t.passed).length;
  return (
    <section aria-labelledby="tests-heading" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="tests-heading" className="text-sm font-semibold text-slate-900">Test matrix</h3>
        {tests.length ? (
          <>
            <Badge tone="green">{tests.length - failed} passed</Badge>
            <Badge tone={failed ? "red" : "neutral"}>{failed} failed</Badge>
          </>
        ) : null}
      </div>
      {tests.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-xs text-slate-600">
          No tests ran. Add cases to the test suite: a version is published only when its tests pass.
        </p>
      ) : (
        <Table caption="Policy tests, failures first">
          <THead>
            <Th>Result</Th>
            <Th>Test</Th>
            <Th>Expected</Th>
            <Th>Actual</Th>
            <Th>Deciding rule</Th>
          </THead>
          <TBody>
            {tests.map((t, i) => (
              <Tr key={`${t.line}-${i}`} className={t.passed ? undefined : "bg-red-50/60"}>
                <Td>
                  {t.passed ? (
                    <span className="inline-flex items-center gap-1 text-xs font-medium text-emerald-800"><CheckCircle2 aria-hidden="true" className="size-4" />Pass</span>
                  ) : (
                    <span className="inline-flex items-center gap-1 text-xs font-medium text-red-800"><XCircle aria-hidden="true" className="size-4" />Fail</span>
                  )}
                </Td>
                <Td className="max-w-72 text-xs">
                  <button type="button" onClick={() => onJump(t.line)} className="text-left font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                    {t.name}
                    <span className="sr-only"> (go to line {t.line} of the tests)</span>
                  </button>
                  {!t.passed ? <p className="mt-0.5 text-red-800">{t.detail}</p> : null}
                </Td>
                <Td><DecisionBadge decision={t.expected} /></Td>
                <Td><DecisionBadge decision={t.actual} /></Td>
                <Td className="font-mono text-xs text-slate-700" title={t.explanation}>{t.decidingRule ?? "— (no rule)"}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
