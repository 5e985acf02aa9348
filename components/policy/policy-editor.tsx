"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Lock } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { approvalKeys } from "../approvals/approval-keys";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { useToast } from "../ui/toast";
import { blastFilterFrom, BLAST_KEYS, type BlastFilter } from "./blast-radius-filter";
import { exampleInput } from "./example-input";
import { PendingBanner } from "./pending-banner";
import { policyKeys } from "./policy-keys";
import { PreviewPanel } from "./preview-panel";
import { ProblemList } from "./problem-list";
import { PublishActions } from "./publish-actions";
import { SaveBar, type SaveTarget } from "./save-bar";
import type { PolicyDetail, PolicyRights, Problem, Saved } from "./types";
import { usePolicyPreview } from "./use-policy-preview";
import { useUrlPatch } from "./use-url-patch";
import { YamlEditor, type YamlEditorHandle } from "./yaml-editor";

type Base = { number: number; content: string; tests: string };

/** The editor of one policy (or of a new one): two YAML editors, save, publish and the live preview. */
export function PolicyEditor({ tenant, rights, doc, base }: { tenant: string; rights: PolicyRights; doc: PolicyDetail | null; base: Base }) {
  const router = useRouter();
  const qc = useQueryClient();
  const toast = useToast();
  const [saved, setSaved] = useState(base);
  const [content, setContent] = useState(base.content);
  const [tests, setTests] = useState(base.tests);
  const [inputText, setInputText] = useState(() => exampleInput(base.tests));
  const [saveProblems, setSaveProblems] = useState<Problem[] | null>(null);
  const [params, patch] = useUrlPatch();
  const blastFilter = blastFilterFrom(params);
  const [blastArmed, setBlastArmed] = useState(() => BLAST_KEYS.some((k) => params.has(k)));
  const policyRef = useRef<YamlEditorHandle>(null);
  const testsRef = useRef<YamlEditorHandle>(null);

  const readOnly = !rights.edit || (doc !== null && !doc.editable);
  const preview = usePolicyPreview(tenant, { content, tests, inputText, documentId: doc?.id });
  const live = preview.query.data;
  const problems = saveProblems ?? live?.problems ?? [];
  const policyProblems = useMemo(() => problems.filter((p) => p.source === "policy"), [problems]);
  const testProblems = useMemo(() => problems.filter((p) => p.source === "tests"), [problems]);
  const dirty = content !== saved.content || tests !== saved.tests;
  const upToDate = !preview.pending && live && preview.settledText.content === content && preview.settledText.tests === tests;

  const edit = (set: (t: string) => void) => (t: string) => { set(t); setSaveProblems(null); };
  const jump = (p: Problem) => (p.source === "policy" ? policyRef : testsRef).current?.jumpTo(p.line, p.column);
  const stale = doc ? [policyKeys.detail(tenant, doc.id), policyKeys.list(tenant), approvalKeys.all(tenant)] : [policyKeys.list(tenant)];
  // Approved, and the worker has not activated it yet: a moment, not a state to act on.
  const applying = doc?.requests.find((r) => r.state === "approved" && !r.appliedAt);
  const refresh = async (notice?: string) => {
    for (const queryKey of stale) await qc.invalidateQueries({ queryKey });
    router.refresh();
    if (notice) toast.success(notice);
  };
  const onSaved = async (s: Saved) => {
    if (!doc) {
      toast.success(`Policy created as draft version ${s.number}.`);
      router.push(`/${tenant}/policies/${s.documentId}`);
      return;
    }
    setSaved({ number: s.number, content, tests });
    await refresh(`Saved as version ${s.number} (draft).`);
  };
  const target: SaveTarget = doc ? { kind: "version", documentId: doc.id, baseNumber: saved.number, latestNumber: Math.max(doc.latest.number, saved.number) } : { kind: "new" };
  // Platform documents are published by platform admins only, the same people who may edit them.
  const canPublish = rights.publish && (doc?.scope === "tenant" || doc?.editable === true);

  return (
    <div className="space-y-4">
      {doc?.pending ? (
        <PendingBanner tenant={tenant} request={doc.pending} canOpen={canPublish} me={rights.me} invalidates={stale} />
      ) : applying ? (
        <Alert tone="success" title={`Version ${applying.versionNumber} was approved`}>It becomes active in a moment: {applying.outcomeReason}.</Alert>
      ) : null}
      {readOnly ? (
        <Alert tone="info" title="Read-only">
          {!rights.edit
            ? "You can read this policy and try inputs against it; editing needs the policy admin role."
            : "Platform policies govern every tenant: only platform admins change them. You can still try inputs and preview."}
        </Alert>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <EditorBox title="Policy" id="policy-yaml" readOnly={readOnly} count={policyProblems.length}>
          <YamlEditor ref={policyRef} id="policy-yaml" label="Policy YAML" initial={base.content} readOnly={readOnly} problems={policyProblems} onChange={edit(setContent)} />
        </EditorBox>
        <EditorBox title="Tests" id="tests-yaml" readOnly={readOnly} count={testProblems.length}>
          <YamlEditor ref={testsRef} id="tests-yaml" label="Test suite YAML" initial={base.tests} readOnly={readOnly} problems={testProblems} onChange={edit(setTests)} />
        </EditorBox>
      </div>
      <ProblemList problems={problems} onJump={jump} />
      {!readOnly ? (
        <SaveBar
          tenant={tenant} target={target} content={content} tests={tests} dirty={dirty} problemCount={problems.length}
          onSaved={onSaved} onProblems={setSaveProblems} onRebase={(n) => setSaved((s) => ({ ...s, number: n }))} onStale={() => void refresh()}
        />
      ) : null}
      {doc && canPublish ? (
        <PublishActions
          tenant={tenant} doc={doc} dirty={dirty}
          check={upToDate ? { problems: live.problems.length, testsPassed: live.testsPassed } : null}
          onDone={(notice) => refresh(notice)}
        />
      ) : null}
      <PreviewPanel
        tenant={tenant} documentId={doc?.id} readOnly={readOnly} preview={preview} inputText={inputText} onInputText={setInputText}
        blastFilter={blastFilter} onBlastFilter={(f: BlastFilter) => patch({ ...f, limit: f.limit === "10000" ? null : f.limit }, { replace: true })}
        blastArmed={blastArmed} onArmBlast={() => setBlastArmed(true)}
        onJumpTests={(line) => testsRef.current?.jumpTo(line)}
      />
    </div>
  );
}

function EditorBox({ title, id, readOnly, count, children }: { title: string; id: string; readOnly: boolean; count: number; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="min-w-0 space-y-1.5">
      <div className="flex items-center gap-2">
        <h2 id={`${id}-heading`} className="text-sm font-semibold text-slate-900">{title}</h2>
        {readOnly ? <Badge><Lock aria-hidden="true" className="size-3" />read-only</Badge> : null}
        {count ? <Badge tone="red">{count === 1 ? "1 problem" : `${count} problems`}</Badge> : null}
      </div>
      {children}
    </section>
  );
}
