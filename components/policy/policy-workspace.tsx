"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, tenantPath } from "../api/api-client";
import { TabLinks } from "../ui/tab-links";
import { HistoryPanel, parseCompare } from "./history-panel";
import { PolicyEditor } from "./policy-editor";
import { policyKeys } from "./policy-keys";
import { ShadowDisagreements } from "./shadow-disagreements";
import { PolicyHeader } from "./policy-header";
import type { PolicyDetail, PolicyRights, PolicyVersion, Saved } from "./types";
import { useUrlPatch } from "./use-url-patch";

const TABS = [{ id: "editor", label: "Editor" }, { id: "history", label: "History" }] as const;

/**
 * One policy: its header, the editor and the history as two views of one page. The view and the
 * compared versions live in the URL; switching view keeps the editor (and its unsaved text) mounted.
 */
export function PolicyWorkspace({ tenant, rights, initial, latest }: { tenant: string; rights: PolicyRights; initial: PolicyDetail; latest: PolicyVersion }) {
  const qc = useQueryClient();
  const [params, patch, hrefOf] = useUrlPatch();
  const tab = params.get("tab") === "history" ? "history" : "editor";
  // Kept here too so a tick shows at once; the URL (links, back button) stays the source.
  const compareParam = params.get("compare");
  const [compare, setCompare] = useState(() => parseCompare(compareParam));
  useEffect(() => setCompare(parseCompare(compareParam)), [compareParam]);
  const [base, setBase] = useState({ number: latest.number, content: latest.content, tests: latest.tests });
  const [editorKey, setEditorKey] = useState(0);
  const q = useQuery({
    queryKey: policyKeys.detail(tenant, initial.id),
    queryFn: ({ signal }) => api<PolicyDetail>(tenantPath(tenant, `policies/${initial.id}`), { signal }),
    initialData: initial,
    // While a request waits or an approved one is being applied, others' decisions show without a reload.
    refetchInterval: (query) => {
      const d = query.state.data;
      if (!d) return false;
      if (d.requests.some((r) => r.state === "approved" && !r.appliedAt)) return 1_500;
      return d.pending ? 5_000 : false;
    },
  });
  const doc = q.data;
  const onRolledBack = async (saved: Saved) => {
    const v = await qc.fetchQuery({
      queryKey: policyKeys.version(tenant, doc.id, saved.number),
      queryFn: () => api<PolicyVersion>(tenantPath(tenant, `policies/${doc.id}/versions/${saved.number}`)),
    });
    setBase({ number: v.number, content: v.content, tests: v.tests });
    setEditorKey((k) => k + 1);
    patch({ tab: null, compare: null });
  };
  return (
    <>
      <PolicyHeader tenant={tenant} doc={doc} refreshing={q.isFetching} />
      <TabLinks
        label="Policy views"
        tabs={TABS.map((t) => ({ ...t, href: hrefOf({ tab: t.id === "editor" ? null : t.id }), count: t.id === "history" ? doc.versions.length : undefined }))}
        current={tab}
        onSelect={(t) => patch({ tab: t === "editor" ? null : t })}
      />
      <div className="space-y-4">
        {doc.shadow ? <ShadowDisagreements tenant={tenant} policy={doc.name} shadowNumber={doc.shadow.number} /> : null}
        <div hidden={tab !== "editor"}>
          <PolicyEditor key={editorKey} tenant={tenant} rights={rights} doc={doc} base={base} />
        </div>
        {tab === "history" ? (
          <HistoryPanel
            tenant={tenant} doc={doc} canRollback={rights.edit && doc.editable} compare={compare}
            onCompare={(sel) => { setCompare(sel); patch({ compare: sel.length ? [...sel].sort((a, b) => a - b).join("..") : null }); }}
            onRolledBack={onRolledBack}
          />
        ) : null}
      </div>
    </>
  );
}
