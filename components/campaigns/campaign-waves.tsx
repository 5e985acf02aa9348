"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Skeleton } from "../ui/skeleton";
import { campaignKeys, LIVE_MS } from "./campaign-keys";
import { GatesPanel } from "./gates-panel";
import { isLive } from "./labels";
import type { CampaignDetail } from "./types";
import { WaveTimeline } from "./wave-timeline";
import type { CampaignWaves as Waves, WaveProgress } from "./wave-types";

const planned = (c: CampaignDetail): WaveProgress[] => c.waves.map((w) => ({
  ...w, targets: w.plannedSize, finished: 0, succeeded: 0, failed: 0, active: 0, refused: 0, prsOpen: 0, merged: 0, closed: 0, waitingToPublish: 0, waitingForChecks: 0,
}));

/** The wave timeline with each wave's progress, and the gates panel; live while the campaign may move. */
export function CampaignWaves({ tenant, campaign }: { tenant: string; campaign: CampaignDetail }) {
  const q = useQuery({
    queryKey: [...campaignKeys.detail(tenant, campaign.id), "waves"],
    queryFn: ({ signal }) => api<Waves>(tenantPath(tenant, `campaigns/${campaign.id}/waves`), { signal }),
    refetchInterval: isLive(campaign.state) ? LIVE_MS : false,
  });
  if (q.isPending) {
    return (
      <div role="status" aria-label="Loading the waves and gates" className="space-y-2">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (q.isError) {
    return (
      <>
        <Alert tone="error" className="mb-2">Could not load the waves&apos; progress and gates: {errorMessage(q.error)}</Alert>
        <WaveTimeline waves={planned(campaign)} />
      </>
    );
  }
  return (
    <div className="space-y-3">
      <WaveTimeline waves={q.data.waves} />
      <GatesPanel tenant={tenant} data={q.data} />
    </div>
  );
}
