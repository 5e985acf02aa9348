"use client";

import { useState } from "react";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { Skeleton } from "../ui/skeleton";
import { BlastRadiusPanel } from "./blast-radius";
import type { BlastFilter } from "./blast-radius-filter";
import { CoveragePanel } from "./coverage-panel";
import { TestMatrix } from "./test-matrix";
import { TryInput } from "./try-input";
import type { BlastRadius } from "./types";
import type { usePolicyPreview } from "./use-policy-preview";

/** The live preview under the editors: tests, a tried input, the blast radius and coverage. */
export function PreviewPanel({ tenant, documentId, readOnly, preview, inputText, onInputText, blastFilter, onBlastFilter, blastArmed, onArmBlast, onJumpTests }: {
  tenant: string; documentId?: string; readOnly: boolean; preview: ReturnType<typeof usePolicyPreview>;
  inputText: string; onInputText: (t: string) => void;
  blastFilter: BlastFilter; onBlastFilter: (f: BlastFilter) => void; blastArmed: boolean; onArmBlast: () => void;
  onJumpTests: (line: number) => void;
}) {
  const [blast, setBlast] = useState<BlastRadius | undefined>();
  const { query } = preview;
  const data = query.data;
  return (
    <Card>
      <CardHeader
        title="Preview"
        description={
          readOnly
            ? "What this text decides, against everything else in effect in this tenant."
            : "Recomputed as you edit, against everything else in effect in this tenant. Nothing is saved or enforced."
        }
        actions={<span role="status" className="text-xs text-slate-600">{preview.pending ? "Updating…" : data ? "Up to date" : ""}</span>}
      />
      <div className="space-y-6 px-4 py-4">
        {query.isError ? (
          <Alert tone="error" title="The preview failed">{errorMessage(query.error)}</Alert>
        ) : !data ? (
          <div role="status" aria-label="Loading the preview" className="space-y-2"><Skeleton className="h-6 w-48" /><Skeleton className="h-24" /></div>
        ) : (
          <>
            <TestMatrix tests={data.tests} onJump={onJumpTests} />
            <TryInput text={inputText} onText={onInputText} error={preview.inputError} tried={data.tried} />
            <CoveragePanel coverage={data.coverage} blast={blast} />
          </>
        )}
        <BlastRadiusPanel
          tenant={tenant}
          text={preview.settledText}
          documentId={documentId}
          filter={blastFilter}
          onFilter={onBlastFilter}
          armed={blastArmed}
          onArm={onArmBlast}
          hasProblems={(data?.problems.length ?? 0) > 0}
          onResult={setBlast}
        />
      </div>
    </Card>
  );
}
