import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { runApiQuery, runFilter } from "@/components/runs/list-filter";
import { RunsList } from "@/components/runs/runs-list";
import { SchedulerControl } from "@/components/runs/scheduler-control";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { listRuns } from "@/server/runs/list-runs";
import { ZRunFilter } from "@/server/runs/run-input";
import { schedulerState } from "@/server/runs/scheduler-pause";
import { pageScope } from "../../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../../_lib/search-params";
import { loadRepositoryOptions } from "../load-repository-options";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "run.read");
  const filter = runFilter.parse(toSearchParams(await searchParams));
  const parsed = ZRunFilter.safeParse(runApiQuery(filter));
  const ctx = readContext(scope);
  const [data, scheduler, repositories] = await Promise.all([
    parsed.success ? listRuns(ctx, parsed.data) : null,
    schedulerState(ctx),
    loadRepositoryOptions(scope),
  ]);
  const canCreate = can(scope, "run.create");
  return (
    <>
      <PageHeader
        title="Runs"
        description="Agent runs in this tenant: what is going on now, then everything that ran. Open a run for its timeline, log, diff and evidence."
        actions={canCreate ? (
          <Link href={`/${scope.tenant.slug}/runs/new`} className={buttonClass("primary")}>
            <Plus aria-hidden="true" className="size-4" />
            New task
          </Link>
        ) : null}
      />
      <SchedulerControl
        tenant={scope.tenant.slug}
        initial={scheduler}
        canPause={can(scope, "scheduler.pause")}
        canGlobal={can(scope, "scheduler.global")}
      />
      <RunsList tenant={scope.tenant.slug} repositories={repositories} canCreate={canCreate} initial={{ filter, data }} />
    </>
  );
}
