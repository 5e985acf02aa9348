"use client";

import { tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { DangerAction } from "../ui/danger-action";
import type { RepositoryView } from "./types";

export function DeleteRepositoryButton({ tenant, repo }: { tenant: string; repo: RepositoryView }) {
  return (
    <DangerAction
      label="Delete"
      subject={repo.fullName}
      title={`Delete ${repo.fullName}?`}
      description="Fleetgate forgets the repository: agents can no longer work on it. The repository on GitHub is not touched, and the audit trail keeps its history."
      confirmLabel="Delete repository"
      path={tenantPath(tenant, `repositories/${repo.id}`)}
      invalidates={[keys.repositories(tenant), keys.teams(tenant)]}
      notice={() => `${repo.fullName} was deleted.`}
    />
  );
}
