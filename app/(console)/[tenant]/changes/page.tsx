import type { Metadata } from "next";
import { ChangesList } from "@/components/changes/changes-list";
import { changeApiQuery, changeFilter } from "@/components/changes/list-filter";
import { PageHeader } from "@/components/ui/page-header";
import { readContext } from "@/server/core/read-context";
import { ZChangesetFilter } from "@/server/github/changesets/changeset-input";
import { listChangesets } from "@/server/github/changesets/list-changesets";
import { pageScope } from "../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../_lib/search-params";
import { loadRepositoryOptions } from "../runs/load-repository-options";

export const metadata: Metadata = { title: "Pull requests" };

export default async function ChangesPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "changeset.read");
  const filter = changeFilter.parse(toSearchParams(await searchParams));
  const parsed = ZChangesetFilter.safeParse(changeApiQuery(filter));
  const [data, repositories] = await Promise.all([
    parsed.success ? listChangesets(readContext(scope), parsed.data) : null,
    loadRepositoryOptions(scope),
  ]);
  return (
    <>
      <PageHeader
        title="Pull requests"
        description="Every pull request the agents opened in this tenant, kept true by GitHub's webhooks: its state, checks, reviews and risk. Open one for its run, its history and its provenance."
      />
      <ChangesList tenant={scope.tenant.slug} repositories={repositories} initial={{ filter, data }} />
    </>
  );
}
