import type { Metadata } from "next";
import { BudgetDialog } from "@/components/budgets/budget-dialog";
import { BudgetsView } from "@/components/budgets/budgets-view";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { listBudgetTargets, type BudgetTargets } from "@/server/cost/list-budget-targets";
import { listBudgets } from "@/server/cost/list-budgets";
import { pageScope } from "../../../_lib/page-scope";

export const metadata: Metadata = { title: "Budgets" };

export default async function BudgetsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "cost.read");
  const ctx = readContext(scope);
  const canManage = can(scope, "budget.manage");
  const [data, targets] = await Promise.all([listBudgets(ctx), canManage ? listBudgetTargets(ctx) : Promise.resolve<BudgetTargets>({ teams: [], campaigns: [] })]);
  const { currency } = data;
  return (
    <>
      <PageHeader
        title="Budgets"
        description={`What agents may spend, in ${currency}: over the tenant, a team, a campaign or each run. A soft budget alerts at its thresholds; a hard one refuses the work that would pass it, before it starts.`}
        actions={canManage ? <BudgetDialog tenant={scope.tenant.slug} currency={currency} targets={targets} /> : null}
      />
      <BudgetsView tenant={scope.tenant.slug} currency={currency} canManage={canManage} targets={targets} initial={data} />
    </>
  );
}
