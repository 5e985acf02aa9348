import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { TaskForm } from "@/components/runs/task-form";
import { PageHeader } from "@/components/ui/page-header";
import { pageScope } from "../../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../../_lib/search-params";
import { loadRepositoryOptions } from "../load-repository-options";
import { loadRecipeTemplates } from "./load-recipe-templates";

export const metadata: Metadata = { title: "New task" };

export default async function NewTaskPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "run.create");
  const [repositories, templates] = await Promise.all([loadRepositoryOptions(scope), loadRecipeTemplates()]);
  const repositoryId = toSearchParams(await searchParams).get("repositoryId") ?? "";
  return (
    <>
      <Link href={`/${scope.tenant.slug}/runs`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        Runs
      </Link>
      <PageHeader
        title="New task"
        description="An agent works on one repository in a sandbox without network; every tool call is decided by the policy. What it may do depends on the repository and the autonomy you ask for."
      />
      <TaskForm tenant={scope.tenant.slug} repositories={repositories} templates={templates} initialRepositoryId={repositories.some((r) => r.id === repositoryId) ? repositoryId : ""} />
    </>
  );
}
