"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { keys } from "../api/query-keys";
import { RoleBadges } from "../members/role-badges";
import { Alert } from "../ui/alert";
import { EmptyState } from "../ui/empty-state";
import { formatDate, formatDateTime, plural } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { RevokeTokenButton } from "./revoke-token-button";
import { TokenStatusBadge } from "./token-status-badge";
import type { ApiTokenView, RoleOption } from "./types";

export function TokensTable({ tenant, canManage, roleOptions, initial }: { tenant: string; canManage: boolean; roleOptions: RoleOption[]; initial: { tokens: ApiTokenView[] } }) {
  const query = useQuery({
    queryKey: keys.tokens(tenant),
    queryFn: ({ signal }) => api<{ tokens: ApiTokenView[] }>(tenantPath(tenant, "tokens"), { signal }),
    initialData: initial,
  });
  if (query.isError) return <Alert tone="error" title="API tokens could not be loaded">{errorMessage(query.error)}</Alert>;
  const tokens = query.data.tokens;
  if (tokens.length === 0) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState title="No API tokens yet">{canManage ? "Create a token for a script or CI job." : null}</EmptyState>
      </div>
    );
  }
  return (
    <Table caption="API tokens" footer={<p className="text-xs text-slate-600">{plural(tokens.length, "token")} · a token's secret is shown only once, when it is created</p>}>
      <THead>
        <Th>Name</Th>
        <Th>Prefix</Th>
        <Th>Roles</Th>
        <Th>Created by</Th>
        <Th>Expires</Th>
        <Th>Last used</Th>
        <Th>Status</Th>
        {canManage ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
      </THead>
      <TBody>
        {tokens.map((t) => (
          <Tr key={t.id}>
            <Td>
              <div className="font-medium text-slate-900">{t.name}</div>
              <div className="text-xs text-slate-600">Created {formatDate(t.createdAt)}</div>
            </Td>
            <Td className="font-mono text-xs text-slate-700">{t.prefix}…</Td>
            <Td><RoleBadges roles={t.roles} options={roleOptions} /></Td>
            <Td className="text-xs text-slate-700">{t.createdBy}</Td>
            <Td className="text-xs whitespace-nowrap text-slate-700">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</Td>
            <Td className="text-xs whitespace-nowrap text-slate-700">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never used"}</Td>
            <Td><TokenStatusBadge status={t.status} /></Td>
            {canManage ? (
              <Td className="text-right whitespace-nowrap">{t.status === "active" ? <RevokeTokenButton tenant={tenant} token={t} /> : null}</Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
