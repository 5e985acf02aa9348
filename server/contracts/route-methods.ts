// Which methods each API path answers, for the 405 that serve.ts gives before Next routes a request
// (server/web/harden-request.ts), without loading the route contracts and the domain code they bring.
// server/contracts/routes.test.ts proves this table is exactly what the route files under app/api export.
import type { HttpMethod } from "../http/define-route";

export const ROUTE_METHODS: Readonly<Record<string, readonly HttpMethod[]>> = {
  "/api/github/webhooks": ["POST"],
  "/api/github/setup": ["GET"],
  "/api/health": ["GET"],
  "/api/v1/me/invitations": ["GET"],
  "/api/v1/me/invitations/{invitationId}/accept": ["POST"],
  "/api/v1/me/invitations/{invitationId}/decline": ["POST"],
  "/api/v1/me/sessions": ["DELETE", "GET"],
  "/api/v1/me/sessions/{sessionId}": ["DELETE"],
  "/api/v1/openapi.json": ["GET"],
  "/api/v1/tenants/{tenant}": ["GET"],
  "/api/v1/tenants/{tenant}/approvals": ["GET"],
  "/api/v1/tenants/{tenant}/approvals/counts": ["GET"],
  "/api/v1/tenants/{tenant}/approvals/{approvalId}": ["GET"],
  "/api/v1/tenants/{tenant}/approvals/{approvalId}/cancel": ["POST"],
  "/api/v1/tenants/{tenant}/approvals/{approvalId}/votes": ["POST"],
  "/api/v1/tenants/{tenant}/audit/events": ["GET"],
  "/api/v1/tenants/{tenant}/audit/events/{seq}": ["GET"],
  "/api/v1/tenants/{tenant}/audit/verify": ["GET"],
  "/api/v1/tenants/{tenant}/budgets": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/budgets/{budgetId}": ["GET", "PATCH"],
  "/api/v1/tenants/{tenant}/budgets/{budgetId}/archive": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/campaigns/preview": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}": ["GET", "PATCH"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/abort": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/burndown": ["GET"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/cost": ["GET"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/detect": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/changesets": ["GET"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/changesets/bulk": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/launch": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/pause": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/promote": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/resume": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/waves": ["GET"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/retry-failed": ["POST"],
  "/api/v1/tenants/{tenant}/campaigns/{campaignId}/targets": ["GET"],
  "/api/v1/tenants/{tenant}/changesets": ["GET"],
  "/api/v1/tenants/{tenant}/changesets/{changesetId}": ["GET"],
  "/api/v1/tenants/{tenant}/cost-settings": ["GET", "PUT"],
  "/api/v1/tenants/{tenant}/cost": ["GET"],
  "/api/v1/tenants/{tenant}/cost/export": ["GET"],
  "/api/v1/tenants/{tenant}/github/install": ["POST"],
  "/api/v1/tenants/{tenant}/github/installations": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/github/installations/{installationId}": ["DELETE", "GET"],
  "/api/v1/tenants/{tenant}/github/installations/{installationId}/sync": ["POST"],
  "/api/v1/tenants/{tenant}/github/webhook-health": ["GET"],
  "/api/v1/tenants/{tenant}/invitations": ["GET"],
  "/api/v1/tenants/{tenant}/invitations/{invitationId}": ["DELETE"],
  "/api/v1/tenants/{tenant}/kill-switches": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/kill-switches/{killSwitchId}/release": ["POST"],
  "/api/v1/tenants/{tenant}/members": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/members/{memberId}": ["DELETE", "PATCH"],
  "/api/v1/tenants/{tenant}/members/{memberId}/github-login": ["PUT"],
  "/api/v1/tenants/{tenant}/members/{memberId}/sessions": ["DELETE"],
  "/api/v1/tenants/{tenant}/model-endpoint": ["DELETE", "GET", "PUT"],
  "/api/v1/tenants/{tenant}/notifications": ["GET"],
  "/api/v1/tenants/{tenant}/notifications/read": ["POST"],
  "/api/v1/tenants/{tenant}/policies": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/policies/{documentId}": ["GET"],
  "/api/v1/tenants/{tenant}/policies/{documentId}/versions": ["POST"],
  "/api/v1/tenants/{tenant}/policies/{documentId}/versions/{number}": ["GET"],
  "/api/v1/tenants/{tenant}/policies/{documentId}/versions/{number}/activation": ["POST"],
  "/api/v1/tenants/{tenant}/policies/{documentId}/versions/{number}/rollback": ["POST"],
  "/api/v1/tenants/{tenant}/policies/{documentId}/versions/{number}/shadow": ["POST"],
  "/api/v1/tenants/{tenant}/policy/blast-radius": ["POST"],
  "/api/v1/tenants/{tenant}/policy/decisions": ["GET"],
  "/api/v1/tenants/{tenant}/policy/evaluate": ["POST"],
  "/api/v1/tenants/{tenant}/policy/preview": ["POST"],
  "/api/v1/tenants/{tenant}/pr-storm": ["GET"],
  "/api/v1/tenants/{tenant}/prices": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/repositories": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/repositories/{repositoryId}": ["DELETE", "PATCH"],
  "/api/v1/tenants/{tenant}/runs": ["GET"],
  "/api/v1/tenants/{tenant}/runs/{runId}": ["GET"],
  "/api/v1/tenants/{tenant}/runs/{runId}/cancel": ["POST"],
  "/api/v1/tenants/{tenant}/runs/{runId}/changeset": ["GET"],
  "/api/v1/tenants/{tenant}/runs/{runId}/cost": ["GET"],
  "/api/v1/tenants/{tenant}/runs/{runId}/events": ["GET"],
  "/api/v1/tenants/{tenant}/runs/{runId}/patch": ["GET"],
  "/api/v1/tenants/{tenant}/runs/{runId}/replay": ["GET"],
  "/api/v1/tenants/{tenant}/runs/{runId}/retry": ["POST"],
  "/api/v1/tenants/{tenant}/scheduler": ["GET"],
  "/api/v1/tenants/{tenant}/scheduler/pause": ["POST"],
  "/api/v1/tenants/{tenant}/scheduler/resume": ["POST"],
  "/api/v1/tenants/{tenant}/tasks": ["POST"],
  "/api/v1/tenants/{tenant}/teams": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/teams/{teamId}": ["DELETE", "PATCH"],
  "/api/v1/tenants/{tenant}/teams/{teamId}/github-team": ["PUT"],
  "/api/v1/tenants/{tenant}/teams/{teamId}/members": ["POST"],
  "/api/v1/tenants/{tenant}/teams/{teamId}/members/{userId}": ["DELETE"],
  "/api/v1/tenants/{tenant}/tokens": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/tokens/{tokenId}": ["DELETE"],
  "/api/v1/tenants/{tenant}/verifier-profiles": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/verifier-profiles/{verifierProfileId}": ["DELETE", "GET", "PATCH"],
  "/api/v1/tenants/{tenant}/webhooks": ["GET", "POST"],
  "/api/v1/tenants/{tenant}/webhooks/{webhookId}": ["DELETE", "GET", "PATCH"],
  "/api/v1/tenants/{tenant}/webhooks/{webhookId}/deliveries": ["GET"],
  "/api/v1/tenants/{tenant}/webhooks/{webhookId}/deliveries/{deliveryId}": ["GET"],
  "/api/v1/tenants/{tenant}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": ["POST"],
  "/api/v1/tenants/{tenant}/webhooks/{webhookId}/ping": ["POST"],
  "/api/v1/tenants/{tenant}/webhooks/{webhookId}/rotate-secret": ["POST"],
};

const PATTERNS = Object.entries(ROUTE_METHODS).map(([path, methods]) => ({ segments: path.split("/").slice(1), methods }));

/**
 * The methods served at a request path, or null when no route file serves it (the catch-all answers
 * 404 then). Like Next's router, a literal segment wins over a {parameter} at the same place.
 */
export function methodsAt(pathname: string): readonly HttpMethod[] | null {
  const parts = pathname.replace(/\/+$/, "").split("/").slice(1).map(decodeSegment);
  let best: { rank: string; methods: readonly HttpMethod[] } | null = null;
  for (const p of PATTERNS) {
    if (p.segments.length !== parts.length) continue;
    let rank = "";
    const matches = p.segments.every((seg, i) => {
      const param = seg.startsWith("{");
      rank += param ? "0" : "1";
      return param ? parts[i] !== "" : seg === parts[i];
    });
    if (matches && (!best || rank > best.rank)) best = { rank, methods: p.methods };
  }
  return best?.methods ?? null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The Allow header for a path's methods: Next answers HEAD for every GET and OPTIONS everywhere. */
export function allowHeader(methods: readonly HttpMethod[]): string {
  return [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
}

/** Whether Next serves this method at a path serving `methods`. */
export function isServed(methods: readonly HttpMethod[], method: string): boolean {
  return allowHeader(methods).split(", ").includes(method.toUpperCase());
}
