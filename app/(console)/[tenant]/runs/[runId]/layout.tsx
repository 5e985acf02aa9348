import type { ReactNode } from "react";
import { loadRun } from "./load-run";

/** A run that is not there or is another tenant's answers 404 from here, outside the page's loading boundary. */
export default async function RunLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string; runId: string }> }) {
  const { tenant, runId } = await params;
  await loadRun(tenant, runId);
  return children;
}
