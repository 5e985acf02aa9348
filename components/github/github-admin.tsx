"use client";

import type { InstallationDetailView, WebhookHealthView } from "@/server/github/installations/installation-view";
import type { SetupOutcome } from "@/server/github/installations/setup-outcome";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { BindInstallationDialog } from "./bind-installation-dialog";
import { ConnectInstallationButton } from "./connect-installation-button";
import { InstallationCard } from "./installation-card";
import { SETUP_NOTICES } from "./setup-notice";
import { useInstallations } from "./use-installations";
import { WebhookHealthCard } from "./webhook-health-card";

type Props = {
  tenant: string;
  canManage: boolean;
  canBind: boolean;
  /** How the install flow ended, when GitHub just sent the person back (fixed texts by code). */
  setup: { outcome: SetupOutcome; githubId: number | null } | null;
  initial: { installations: InstallationDetailView[]; health: WebhookHealthView };
};

export function GithubAdmin({ tenant, canManage, canBind, setup, initial }: Props) {
  const q = useInstallations(tenant, initial.installations);
  const notice = setup ? SETUP_NOTICES[setup.outcome] : null;
  return (
    <div className="space-y-6">
      {notice ? (
        <Alert tone={notice.tone} title={setup?.githubId ? `Installation ${setup.githubId}` : undefined}>{notice.text}</Alert>
      ) : null}
      <section aria-labelledby="installations-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="installations-heading" className="text-base font-semibold text-slate-900">Installations</h2>
          <div className="flex gap-2">
            {canBind ? <BindInstallationDialog tenant={tenant} /> : null}
            {canManage && q.data.length > 0 ? <ConnectInstallationButton tenant={tenant} variant="secondary" /> : null}
          </div>
        </div>
        {q.isError ? <Alert tone="error" title="Installations could not be refreshed">{errorMessage(q.error)}</Alert> : null}
        {q.data.length === 0 ? (
          <Card>
            <EmptyState title="No GitHub installation is connected" action={canManage ? <ConnectInstallationButton tenant={tenant} /> : null}>
              {canManage
                ? "Install the Fleetgate GitHub App on an organization or account; GitHub sends you back here and its repositories are mapped to this tenant."
                : "A tenant admin connects the GitHub App's installations."}
            </EmptyState>
          </Card>
        ) : (
          q.data.map((i) => <InstallationCard key={i.id} tenant={tenant} installation={i} canManage={canManage} />)
        )}
      </section>
      <WebhookHealthCard tenant={tenant} initial={initial.health} />
    </div>
  );
}
