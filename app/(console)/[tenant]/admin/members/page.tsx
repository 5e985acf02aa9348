import type { Metadata } from "next";
import { InvitationsTable } from "@/components/members/invitations-table";
import { InviteMemberDialog } from "@/components/members/invite-member-dialog";
import { MembersTable } from "@/components/members/members-table";
import { MembersTabs } from "@/components/members/members-tabs";
import { memberFilter } from "@/components/members/types";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { listInvitations } from "@/server/invitations/list-invitations";
import { listMembers } from "@/server/members/list-members";
import { pageScope } from "../../../_lib/page-scope";
import { readContext } from "@/server/core/read-context";
import { roleOptions } from "../../../_lib/role-options";
import { toSearchParams, type SearchParams } from "../../../_lib/search-params";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { actor, scope } = await pageScope(tenant, "member.read");
  const options = roleOptions();
  const filter = memberFilter.parse(toSearchParams(await searchParams), options.map((o) => o.value));
  const role = options.find((o) => o.value === filter.role)?.value;
  const ctx = readContext(scope);
  const [data, invitations] = await Promise.all([listMembers(ctx, { q: filter.q || undefined, role }), listInvitations(ctx)]);
  const canManage = can(scope, "member.manage");
  return (
    <>
      <PageHeader
        title="Members & roles"
        description={canManage ? "Who may use this tenant and with which roles." : "Who may use this tenant and with which roles. You can view them; a tenant admin changes them."}
        actions={canManage ? <InviteMemberDialog tenant={scope.tenant.slug} roleOptions={options} canSetPassword={can(scope, "member.set_password")} /> : null}
      />
      <MembersTabs tenant={scope.tenant.slug} current="members" />
      <MembersTable
        tenant={scope.tenant.slug}
        tenantName={scope.tenant.name}
        canManage={canManage}
        canEndSessions={can(scope, "session.revoke")}
        canLinkGithub={can(scope, "github.manage")}
        currentUserId={actor.id}
        roleOptions={options}
        initial={{ filter, data }}
      />
      <InvitationsTable tenant={scope.tenant.slug} tenantName={scope.tenant.name} canManage={canManage} roleOptions={options} initial={invitations} />
    </>
  );
}
