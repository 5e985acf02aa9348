import type { Metadata } from "next";
import { AddPriceDialog } from "@/components/prices/add-price-dialog";
import { PricesView } from "@/components/prices/prices-view";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { listPrices } from "@/server/cost/list-prices";
import { pageScope } from "../../../_lib/page-scope";

export const metadata: Metadata = { title: "Prices" };

export default async function PricesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "cost.read");
  const data = await listPrices(readContext(scope));
  const canManage = can(scope, "price.manage");
  const canPlatform = can(scope, "price.platform");
  return (
    <>
      <PageHeader
        title="Prices"
        description={`What model calls and sandbox time cost, in ${data.currency}: the platform's prices, and this tenant's own where it has them. Each model call and command is costed with the version in force when it ran.`}
        actions={canManage ? <AddPriceDialog tenant={scope.tenant.slug} currency={data.currency} canPlatform={canPlatform} /> : null}
      />
      <PricesView tenant={scope.tenant.slug} canManage={canManage} canPlatform={canPlatform} initial={data} />
    </>
  );
}
