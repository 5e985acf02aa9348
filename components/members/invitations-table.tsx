"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { keys } from "../api/query-keys";
import { Alert } from "../ui/alert";
import { DangerAction } from "../ui/danger-action";
import { EmptyState } from "../ui/empty-state";
import { formatDate, plural } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { RoleBadges } from "./role-badges";
import type { InvitationView, RoleOption } from "./types";

type Props = { tenant: string; tenantName: string; canManage: boolean; roleOptions: RoleOption[]; initial: { invitations: InvitationView[] } };

export function InvitationsTable({ tenant, tenantName, canManage, roleOptions, initial }: Props) {
  const query = useQuery({
    queryKey: keys.invitations(tenant),
    queryFn: ({ signal }) => api<{ invitations: InvitationView[] }>(tenantPath(tenant, "invitations"), { signal }),
    initialData: initial,
  });
  return (
    <section aria-labelledby="invitations-heading" className="mt-8">
      <h2 id="invitations-heading" className="mb-3 text-base font-semibold text-slate-900">Pending invitations</h2>
      {query.isError ? (
        <Alert tone="error" title="Invitations could not be loaded">{errorMessage(query.error)}</Alert>
      ) : query.data.invitations.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title="No pending invitations">{canManage ? "People you invite appear here until they accept." : null}</EmptyState>
        </div>
      ) : (
        <Table caption={`Pending invitations to ${tenantName}`} footer={<p className="text-xs text-slate-600">{plural(query.data.invitations.length, "pending invitation")}</p>}>
          <THead>
            <Th>E-mail</Th>
            <Th>Roles</Th>
            <Th>Invited by</Th>
            <Th>Expires</Th>
            {canManage ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
          </THead>
          <TBody>
            {query.data.invitations.map((i) => (
              <Tr key={i.id}>
                <Td className="font-medium text-slate-900">{i.email}</Td>
                <Td><RoleBadges roles={i.roles} options={roleOptions} /></Td>
                <Td className="text-xs text-slate-700">{i.invitedBy}</Td>
                <Td className="text-xs whitespace-nowrap text-slate-700">{formatDate(i.expiresAt)}</Td>
                {canManage ? (
                  <Td className="text-right">
                    <DangerAction
                      label="Withdraw"
                      subject={`the invitation of ${i.email}`}
                      title={`Withdraw the invitation of ${i.email}?`}
                      description="They can no longer accept it. You can invite them again later."
                      confirmLabel="Withdraw invitation"
                      path={tenantPath(tenant, `invitations/${i.id}`)}
                      invalidates={[keys.invitations(tenant)]}
                      notice={() => `The invitation of ${i.email} was withdrawn.`}
                    />
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
