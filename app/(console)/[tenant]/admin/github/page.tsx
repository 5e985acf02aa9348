import type { Metadata } from "next";
import { GithubAdmin } from "@/components/github/github-admin";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { getWebhookHealth } from "@/server/github/installations/get-webhook-health";
import { getInstallation, listInstallations } from "@/server/github/installations/list-installations";
import { isSetupOutcome } from "@/server/github/installations/setup-outcome";
import { pageScope } from "../../../_lib/page-scope";
import type { SearchParams } from "../../../_lib/search-params";

export const metadata: Metadata = { title: "GitHub" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function GithubPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "github.read");
  const ctx = readContext(scope);
  const sp = await searchParams;
  const outcome = first(sp.setup);
  const installation = Number(first(sp.installation));
  const setup = outcome && isSetupOutcome(outcome) ? { outcome, githubId: Number.isSafeInteger(installation) && installation > 0 ? installation : null } : null;
  const [{ installations }, health] = await Promise.all([listInstallations(ctx), getWebhookHealth(ctx)]);
  const details = await Promise.all(installations.map((i) => getInstallation(ctx, i.id)));
  return (
    <>
      <PageHeader
        title="GitHub"
        description="The GitHub App's installations connected to this tenant, how their repositories map to Fleetgate's, and whether GitHub's webhooks arrive."
      />
      <GithubAdmin tenant={scope.tenant.slug} canManage={can(scope, "github.manage")} canBind={can(scope, "github.bind")} setup={setup} initial={{ installations: details, health }} />
    </>
  );
}
