"use client";

import Link from "next/link";
import type { InstallationDetailView, InstallationPaceView } from "@/server/github/installations/installation-view";
import { tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { DangerAction } from "../ui/danger-action";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { SyncNowButton } from "./sync-now-button";

const TIER_TONE = { low: "green", standard: "neutral", high: "amber", regulated: "violet", critical: "red" } as const;

/** What the installation's pace of GitHub writes allows, and what the last minute and hour used of it. */
function PaceLine({ pace: p }: { pace: InstallationPaceView }) {
  const near = p.lastHour >= p.perHour * 0.8 || p.lastMinute >= p.perMinute * 0.8;
  return (
    <dl aria-label="Pace of GitHub writes" className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600">
      <div>
        <dt className="inline">Capacity </dt>
        <dd className="inline text-slate-800">
          up to {p.pullRequestsPerHour.toLocaleString("en-US")} new PRs an hour ({p.requestsPerPullRequest} content-creating requests each; limits {p.perMinute.toLocaleString("en-US")} a minute, {p.perHour.toLocaleString("en-US")} an hour, writes {p.spacingMs.toLocaleString("en-US")} ms apart)
        </dd>
      </div>
      <div>
        <dt className="inline">Used </dt>
        <dd className={near ? "inline font-medium text-amber-800" : "inline text-slate-800"}>
          {p.lastMinute.toLocaleString("en-US")} of {p.perMinute.toLocaleString("en-US")} in the last minute, {p.lastHour.toLocaleString("en-US")} of {p.perHour.toLocaleString("en-US")} in the last hour
        </dd>
      </div>
    </dl>
  );
}

/** One installation: what GitHub says of it, who bound it, and the Fleetgate repository each of its repositories maps to. */
export function InstallationCard({ tenant, installation: i, canManage }: { tenant: string; installation: InstallationDetailView; canManage: boolean }) {
  const headingId = `installation-${i.id}`;
  return (
    <Card>
      <section aria-labelledby={headingId}>
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div className="min-w-0 space-y-1">
            <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
              <span className="font-mono">{i.accountLogin}</span>
              <Badge>{i.accountType === "User" ? "User account" : "Organization"}</Badge>
              <Badge tone="sky">{i.repositorySelection === "all" ? "All repositories" : "Selected repositories"}</Badge>
              {i.suspendedAt ? <Badge tone="amber">Suspended since {formatDateTime(i.suspendedAt)}</Badge> : null}
              {i.deletedAt ? <Badge tone="red">Uninstalled on GitHub</Badge> : null}
            </h3>
            <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600">
              <div><dt className="inline">Installation </dt><dd className="inline font-mono text-slate-800">{i.githubId}</dd></div>
              <div><dt className="inline">Bound by </dt><dd className="inline text-slate-800">{i.boundBy ?? "—"}, {formatDateTime(i.boundAt)}</dd></div>
              <div><dt className="inline">Synced </dt><dd className="inline text-slate-800">{i.syncedAt ? formatDateTime(i.syncedAt) : "never"}</dd></div>
            </dl>
            <PaceLine pace={i.pace} />
          </div>
          {canManage ? (
            <div className="flex items-center gap-1">
              <SyncNowButton tenant={tenant} installation={i} />
              <DangerAction
                label="Unbind"
                subject={`installation ${i.accountLogin}`}
                title={`Unbind ${i.accountLogin}?`}
                description={<>Its {plural(i.repositoryCount, "repository", "repositories")} lose the mapping and stay in Fleetgate with their risk tier and team. The App stays installed on GitHub; binding it again takes the install flow or a platform admin.</>}
                confirmLabel="Unbind"
                path={tenantPath(tenant, `github/installations/${i.id}`)}
                invalidates={[keys.githubInstallations(tenant), keys.repositories(tenant)]}
                notice={() => `${i.accountLogin} is no longer bound to this tenant.`}
              />
            </div>
          ) : null}
        </div>
        {i.repositories.length === 0 ? (
          <EmptyState title="No repositories mapped">
            {i.deletedAt ? "The App was uninstalled, so its repositories lost the mapping." : canManage ? "Sync now to map the installation's repositories." : "A tenant admin syncs the installation's repositories."}
          </EmptyState>
        ) : (
          <div className="p-3">
            <Table caption={`Repositories of ${i.accountLogin}`} footer={<p className="text-xs text-slate-600">{plural(i.repositories.length, "repository", "repositories")} mapped. Risk tier and owning team are set in Fleetgate, never by the sync.</p>}>
              <THead>
                <Th>Repository</Th>
                <Th>GitHub id</Th>
                <Th>Risk tier</Th>
                <Th>Owning team</Th>
              </THead>
              <TBody>
                {i.repositories.map((r) => (
                  <Tr key={r.id}>
                    <Td>
                      <Link href={`/${tenant}/admin/repositories?q=${encodeURIComponent(r.fullName.split("/")[1] ?? r.fullName)}`} className="font-medium text-indigo-700 hover:underline">
                        {r.fullName}
                      </Link>
                    </Td>
                    <Td className="font-mono text-xs text-slate-700">{r.githubRepoId ?? "—"}</Td>
                    <Td><Badge tone={TIER_TONE[r.riskTier]}>{r.riskTier}</Badge></Td>
                    <Td className="text-slate-700">{r.team ? r.team.name : <span className="text-slate-600">No team</span>}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </section>
    </Card>
  );
}
