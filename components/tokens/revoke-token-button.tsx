"use client";

import { tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { DangerAction } from "../ui/danger-action";
import type { ApiTokenView } from "./types";

export function RevokeTokenButton({ tenant, token }: { tenant: string; token: ApiTokenView }) {
  return (
    <DangerAction
      label="Revoke"
      subject={`token ${token.name}`}
      title={`Revoke token ${token.name}?`}
      description={`Requests with the token ${token.prefix}… are refused from now on. This cannot be undone.`}
      confirmLabel="Revoke token"
      path={tenantPath(tenant, `tokens/${token.id}`)}
      invalidates={[keys.tokens(tenant)]}
      notice={() => `Token ${token.name} was revoked.`}
    />
  );
}
