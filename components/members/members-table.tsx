"use client";

import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { formatDate, plural } from "../ui/format";
import { FilterBar } from "../ui/filter-bar";
import { LiveListBody } from "../ui/live-list-body";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useLiveList } from "../ui/use-live-list";
import { EditRolesDialog } from "./edit-roles-dialog";
import { EndSessionsButton } from "./end-sessions-button";
import { GithubLoginDialog } from "./github-login-dialog";
import { RemoveMemberButton } from "./remove-member-button";
import { RoleBadges } from "./role-badges";
import { memberFilter, type MemberFilter, type MemberView, type RoleOption } from "./types";

type Props = {
  tenant: string; tenantName: string; canManage: boolean; canEndSessions: boolean; canLinkGithub: boolean; currentUserId: string; roleOptions: RoleOption[];
  initial: { filter: MemberFilter; data: { members: MemberView[] } };
};

export function MembersTable({ tenant, tenantName, canManage, canEndSessions, canLinkGithub, currentUserId, roleOptions, initial }: Props) {
  const hasActions = canManage || canEndSessions || canLinkGithub;
  const list = useLiveList({
    filter: memberFilter,
    context: roleOptions.map((r) => r.value),
    queryKey: (f) => keys.members(tenant, f),
    fetchPage: (f, signal) => api<{ members: MemberView[] }>(tenantPath(tenant, "members", f), { signal }),
    rows: (p) => p.members,
    initial,
  });
  const { filter } = list;
  const filtered = Boolean(filter.q || filter.role);

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading" className="sr-only">Members</h2>
      <FilterBar
        label="Filter members"
        search={{ id: "member-q", label: "Search members", placeholder: "Search name or e-mail" }}
        selects={[{ key: "role", id: "member-role", label: "Role", all: "All roles", options: roleOptions, width: "w-44" }]}
        value={filter}
        onChange={list.setFilter}
      />
      <LiveListBody
        list={list}
        errorTitle="Members could not be loaded"
        loadingLabel="Loading members"
        empty={
          <EmptyState title={filtered ? "No member matches these filters" : "No members yet"}>
            {filtered ? "Try another name, e-mail or role." : canManage ? "Invite the first person with “Invite member”." : null}
          </EmptyState>
        }
      >
        {(data) => (
          <Table caption={`Members of ${tenantName}`} footer={<p className="text-xs text-slate-600">{plural(data.members.length, "member")}</p>}>
            <THead>
              <Th>Member</Th>
              <Th>Roles</Th>
              <Th>SSO</Th>
              <Th>GitHub</Th>
              <Th>Added</Th>
              {hasActions ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
            </THead>
            <TBody>
              {data.members.map((m) => (
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
                  <Td className="text-xs text-slate-700">{m.githubLogin ? <span className="font-mono">{m.githubLogin}</span> : <span className="text-slate-600">Not linked</span>}</Td>
                  <Td className="text-xs whitespace-nowrap text-slate-700">{formatDate(m.createdAt)}</Td>
                  {hasActions ? (
                    <Td className="text-right whitespace-nowrap">
                      {canManage ? <EditRolesDialog tenant={tenant} member={m} roleOptions={roleOptions} /> : null}
                      {canLinkGithub ? <GithubLoginDialog tenant={tenant} member={m} /> : null}
                      {canEndSessions ? <EndSessionsButton tenant={tenant} member={m} isSelf={m.userId === currentUserId} /> : null}
                      {canManage ? <RemoveMemberButton tenant={tenant} tenantName={tenantName} member={m} isSelf={m.userId === currentUserId} /> : null}
                    </Td>
                  ) : null}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </LiveListBody>
    </section>
  );
}
