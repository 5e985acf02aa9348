"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { plural } from "../ui/format";
import { ArgvView } from "./argv-view";
import { DeleteProfileButton } from "./delete-profile-button";
import { ProfileDialog } from "./profile-dialog";
import { profileKeys, type VerifierProfileView } from "./types";

export function VerifierProfilesList({ tenant, canManage, initial }: { tenant: string; canManage: boolean; initial: { profiles: VerifierProfileView[] } }) {
  const query = useQuery({
    queryKey: profileKeys.all(tenant),
    queryFn: ({ signal }) => api<{ profiles: VerifierProfileView[] }>(tenantPath(tenant, "verifier-profiles"), { signal }),
    initialData: initial,
  });
  if (query.isError) return <Alert tone="error" title="Verifier profiles could not be loaded">{errorMessage(query.error)}</Alert>;
  const profiles = query.data.profiles;
  if (profiles.length === 0) {
    return (
      <Card>
        <EmptyState title="No verifier profiles">
          {canManage ? "Add one so that agents' changes can be verified: until a repository names a profile of this tenant, no run starts on it." : "A tenant admin adds verifier profiles. Until a repository names one, no run starts on it."}
        </EmptyState>
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      {profiles.map((p) => <ProfileCard key={p.id} tenant={tenant} profile={p} canManage={canManage} />)}
      <p className="text-xs text-slate-600">{plural(profiles.length, "profile")} · a run keeps the steps it was admitted with, whatever changes here later</p>
    </div>
  );
}

function ProfileCard({ tenant, profile: p, canManage }: { tenant: string; profile: VerifierProfileView; canManage: boolean }) {
  const more = p.usedBy.total - p.usedBy.repositories.length;
  return (
    <Card>
      <CardHeader
        title={p.name}
        description={p.description || undefined}
        actions={canManage ? <div className="flex shrink-0 gap-1"><ProfileDialog tenant={tenant} profile={p} /><DeleteProfileButton tenant={tenant} profile={p} /></div> : null}
      />
      {p.steps.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">No steps: runs with this profile verify nothing, and a policy that requires verifiers fails them.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Steps of {p.name}, in the order they run</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="w-8 px-4 py-1.5 font-medium">#</th>
                <th scope="col" className="px-4 py-1.5 font-medium">Step</th>
                <th scope="col" className="px-4 py-1.5 font-medium">Command (argv, no shell)</th>
                <th scope="col" className="px-4 py-1.5 text-right font-medium whitespace-nowrap">Time limit</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {p.steps.map((s, i) => (
                <tr key={i}>
                  <td className="px-4 py-2 align-top text-xs text-slate-600 tabular-nums">{i + 1}</td>
                  <td className="px-4 py-2 align-top font-mono text-xs text-slate-900">{s.name}</td>
                  <td className="px-4 py-2 align-top"><ArgvView argv={s.argv} /></td>
                  <td className="px-4 py-2 text-right align-top text-xs whitespace-nowrap text-slate-700 tabular-nums">{s.timeoutSeconds} s</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-1.5 border-t border-slate-200 px-4 py-2 text-xs text-slate-700">
        {p.usedBy.total === 0 ? (
          <span className="text-slate-600">No repository uses it.</span>
        ) : (
          <>
            <span>Used by {plural(p.usedBy.total, "repository", "repositories")}:</span>
            {p.usedBy.repositories.map((r) => <Badge key={r.id} className="font-mono">{r.fullName}</Badge>)}
            {more > 0 ? <span className="text-slate-600">and {more} more</span> : null}
          </>
        )}
      </div>
    </Card>
  );
}
