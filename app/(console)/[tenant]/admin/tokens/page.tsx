import type { Metadata } from "next";
import { CreateTokenDialog } from "@/components/tokens/create-token-dialog";
import { TokensTable } from "@/components/tokens/tokens-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { permissionsOfRoles } from "@/server/authz/permissions";
import { listTokens } from "@/server/tokens/list-tokens";
import { pageScope } from "../../../_lib/page-scope";
import { readContext } from "@/server/core/read-context";
import { roleOptions } from "../../../_lib/role-options";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "token.read");
  const data = await listTokens(readContext(scope));
  const canManage = can(scope, "token.manage");
  const options = roleOptions();
  // The same rule the API applies: every permission of the role must be one the person holds.
  const grantable = options.filter((o) => [...permissionsOfRoles([o.value])].every((p) => scope.permissions.has(p)));
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and CI call the Fleetgate API with a subset of their creator's permissions."
        actions={canManage ? <CreateTokenDialog tenant={scope.tenant.slug} roleOptions={grantable} /> : null}
      />
      <TokensTable tenant={scope.tenant.slug} canManage={canManage} roleOptions={options} initial={data} />
    </>
  );
}
