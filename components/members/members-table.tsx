"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { keys } from "../api/query-keys";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { formatDate, plural } from "../ui/format";
import { FilterBar } from "../ui/filter-bar";
import { TableSkeleton } from "../ui/skeleton";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useUrlQuery } from "../ui/use-url-query";
import { EditRolesDialog } from "./edit-roles-dialog";
import { EndSessionsButton } from "./end-sessions-button";
import { RemoveMemberButton } from "./remove-member-button";
import { RoleBadges } from "./role-badges";
import type { MemberFilter, MemberView, RoleOption } from "./types";

type Props = {
  tenant: string; tenantName: string; canManage: boolean; canEndSessions: boolean; currentUserId: string; roleOptions: RoleOption[];
  initial: { filter: MemberFilter; data: { members: MemberView[] } };
};

export function MembersTable({ tenant, tenantName, canManage, canEndSessions, currentUserId, roleOptions, initial }: Props) {
  const [params, setParams] = useUrlQuery();
  const role = params.get("role") ?? "";
  const filter: MemberFilter = { q: params.get("q")?.trim() ?? "", role: roleOptions.some((r) => r.value === role) ? role : "" };
  const isInitial = filter.q === initial.filter.q && filter.role === initial.filter.role;
  const query = useQuery({
    queryKey: keys.members(tenant, filter),
    queryFn: ({ signal }) => api<{ members: MemberView[] }>(tenantPath(tenant, "members", filter), { signal }),
    initialData: isInitial ? initial.data : undefined,
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(filter.q || filter.role);

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading" className="sr-only">Members</h2>
      <FilterBar
        label="Filter members"
        search={{ id: "member-q", label: "Search members", placeholder: "Search name or e-mail" }}
        selects={[{ key: "role", id: "member-role", label: "Role", all: "All roles", options: roleOptions, width: "w-44" }]}
        value={filter}
        onChange={(f) => setParams({ q: f.q, role: f.role })}
      />
      {query.isError ? (
        <Alert tone="error" title="Members could not be loaded">{errorMessage(query.error)}</Alert>
      ) : !query.data ? (
        <TableSkeleton label="Loading members" />
      ) : query.data.members.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title={filtered ? "No member matches these filters" : "No members yet"}>
            {filtered ? "Try another name, e-mail or role." : canManage ? "Invite the first person with “Invite member”." : null}
          </EmptyState>
        </div>
      ) : (
        <Table caption={`Members of ${tenantName}`} footer={<p className="text-xs text-slate-600">{plural(query.data.members.length, "member")}</p>}>
          <THead>
            <Th>Member</Th>
            <Th>Roles</Th>
            <Th>SSO</Th>
            <Th>Added</Th>
            {canManage || canEndSessions ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
          </THead>
          <TBody>
            {query.data.members.map((m) => (
              <Tr key={m.id}>
                <Td>
                  <div className="font-medium text-slate-900">
                    {m.name}
                    {m.userId === currentUserId ? <Badge className="ml-1.5">You</Badge> : null}
                  </div>
                  <div className="text-xs text-slate-600">{m.email}</div>
                </Td>
                <Td><RoleBadges roles={m.roles} options={roleOptions} /></Td>
                <Td className="text-xs text-slate-700">{m.singleSignOn ? <Badge tone="sky">Linked</Badge> : <span className="text-slate-600">Not linked</span>}</Td>
                <Td className="text-xs whitespace-nowrap text-slate-700">{formatDate(m.createdAt)}</Td>
                {canManage || canEndSessions ? (
                  <Td className="text-right whitespace-nowrap">
                    {canManage ? <EditRolesDialog tenant={tenant} member={m} roleOptions={roleOptions} /> : null}
                    {canEndSessions ? <EndSessionsButton tenant={tenant} member={m} isSelf={m.userId === currentUserId} /> : null}
                    {canManage ? <RemoveMemberButton tenant={tenant} tenantName={tenantName} member={m} isSelf={m.userId === currentUserId} /> : null}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
