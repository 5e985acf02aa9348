"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { FilterBar } from "../ui/filter-bar";
import { formatDateTime } from "../ui/format";
import { TableSkeleton } from "../ui/skeleton";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useUrlQuery } from "../ui/use-url-query";
import { policyKeys } from "./policy-keys";
import { PolicyStateBadges } from "./state-badges";
import { POLICY_LEVELS, type PolicySummary } from "./types";

type Filter = { q: string; level: string; state: string };

const STATES = [
  { value: "pending", label: "Pending activation", test: (d: PolicySummary) => Boolean(d.pending) },
  { value: "shadow", label: "In shadow", test: (d: PolicySummary) => Boolean(d.shadow) },
  { value: "draft", label: "Unpublished draft", test: (d: PolicySummary) => d.latest.state === "draft" },
  { value: "inactive", label: "No active version", test: (d: PolicySummary) => !d.active },
];

const LEVEL_LABEL: Record<string, string> = {
  platform: "Platform", tenant: "Tenant", team: "Team", repository: "Repository", campaign: "Campaign", task: "Task",
};

function matches(d: PolicySummary, f: Filter): boolean {
  if (f.level && d.level !== f.level) return false;
  if (f.state && !STATES.find((s) => s.value === f.state)?.test(d)) return false;
  const q = f.q.toLowerCase();
  return !q || d.name.toLowerCase().includes(q) || (d.target ?? "").toLowerCase().includes(q);
}

/** The documents in effect for the tenant, by level (highest first), filtered in the URL. */
export function PolicyList({ tenant, initial, canCreate }: { tenant: string; initial: PolicySummary[]; canCreate: boolean }) {
  const [params, setParams] = useUrlQuery();
  const filter: Filter = { q: params.get("q") ?? "", level: params.get("level") ?? "", state: params.get("state") ?? "" };
  const query = useQuery({
    queryKey: policyKeys.list(tenant),
    queryFn: ({ signal }) => api<{ documents: PolicySummary[] }>(tenantPath(tenant, "policies"), { signal }),
    initialData: { documents: initial },
  });
  const docs = query.data?.documents;
  const shown = (docs ?? []).filter((d) => matches(d, filter));
  const filtered = Boolean(filter.q || filter.level || filter.state);
  return (
    <section aria-label="Policy documents">
      <FilterBar<Filter>
        label="Filter policies"
        search={{ id: "policy-q", label: "Search policies by name or target", placeholder: "Name or target" }}
        selects={[
          { key: "level", id: "policy-level", label: "Level", all: "All levels", width: "w-40", options: POLICY_LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l]! })) },
          { key: "state", id: "policy-state", label: "State", all: "Any state", width: "w-48", options: STATES.map(({ value, label }) => ({ value, label })) },
        ]}
        value={filter}
        onChange={(f) => setParams(f)}
      />
      {query.isError ? (
        <Alert tone="error" title="Policies could not be loaded">{errorMessage(query.error)}</Alert>
      ) : !docs ? (
        <TableSkeleton label="Loading policies" />
      ) : shown.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title={filtered ? "No policy matches these filters" : "No policies yet"}>
            {filtered ? "Clear a filter to see more." : canCreate ? "Create the tenant's first policy: it starts as a draft and is enforced only once activated." : "Policy admins create this tenant's policies."}
          </EmptyState>
        </div>
      ) : (
        <div className="space-y-6">
          {POLICY_LEVELS.map((level) => {
            const rows = shown.filter((d) => d.level === level);
            if (!rows.length && level === "tenant" && !filtered) return <NoTenantPolicies key={level} canCreate={canCreate} />;
            if (!rows.length) return null;
            return (
              <section key={level} aria-labelledby={`level-${level}`} className="space-y-2">
                <h2 id={`level-${level}`} className="text-sm font-semibold text-slate-900">
                  {LEVEL_LABEL[level]} level <span className="font-normal text-slate-600">· {rows.length}</span>
                </h2>
                <Table caption={`${LEVEL_LABEL[level]} policies`}>
                  <THead>
                    <Th>Policy</Th>
                    <Th>Target</Th>
                    <Th>State</Th>
                    <Th>Latest version</Th>
                    <Th>Last change</Th>
                  </THead>
                  <TBody>
                    {rows.map((d) => (
                      <Tr key={d.id}>
                        <Td>
                          <Link href={`/${tenant}/policies/${d.id}`} className="font-mono text-sm font-medium text-indigo-700 hover:underline">{d.name}</Link>
                          {!d.editable ? <Badge className="ml-2">read-only</Badge> : null}
                        </Td>
                        <Td className="font-mono text-xs text-slate-700">{d.target ?? "—"}</Td>
                        <Td><PolicyStateBadges doc={d} /></Td>
                        <Td className="max-w-64 text-xs">
                          <span className="font-medium">v{d.latest.number}</span> <span className="text-slate-600">({d.latest.state})</span>
                          <p className="truncate text-slate-600" title={d.latest.message}>{d.latest.message}</p>
                        </Td>
                        <Td className="text-xs whitespace-nowrap text-slate-700">
                          {d.latest.authorLabel}
                          <p className="text-slate-600">{formatDateTime(d.latest.createdAt)}</p>
                        </Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}

function NoTenantPolicies({ canCreate }: { canCreate: boolean }) {
  return (
    <section aria-labelledby="level-tenant" className="space-y-2">
      <h2 id="level-tenant" className="text-sm font-semibold text-slate-900">Tenant level <span className="font-normal text-slate-600">· 0</span></h2>
      <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">
        This tenant has no policies of its own yet: the platform policies above decide alone.
        {canCreate ? " Use New policy to restrict them further." : ""}
      </p>
    </section>
  );
}
