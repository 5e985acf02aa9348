// Absolute links to console pages, for messages read outside the console (webhooks, chat).
import { env } from "../env";

export function consoleUrl(path: string): string {
  const e = env();
  const base = (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}

export const approvalPath = (tenantSlug: string, requestId: string) => `/${tenantSlug}/approvals/${requestId}`;
export const inboxPath = (tenantSlug: string) => `/${tenantSlug}/approvals`;
export const costPath = (tenantSlug: string, budgetId?: string) => `/${tenantSlug}/cost${budgetId ? `?budget=${encodeURIComponent(budgetId)}` : ""}`;
export const runPath = (tenantSlug: string, runId: string) => `/${tenantSlug}/runs/${runId}`;
