// The setup URL's HTTP side: reads GitHub's query and the person's session, and turns what
// completeInstall decided into where the browser goes next.
import { cookieJar, sessionUser } from "../../auth/session-user";
import type { RequestMeta } from "../../authz/scope";
import type { CallbackAnswer } from "../../http/with-browser-callback";
import { completeInstall } from "./complete-install";

export async function handleInstallSetup(req: Request, meta: RequestMeta): Promise<CallbackAnswer> {
  const url = new URL(req.url);
  const q = url.searchParams;
  const actor = await sessionUser(cookieJar(req.headers.get("cookie")));
  const result = await completeInstall({ installationId: q.get("installation_id"), setupAction: q.get("setup_action"), state: q.get("state") }, actor, meta);
  if (result.kind === "sign_in") return { redirect: `/signin?callbackUrl=${encodeURIComponent(url.pathname + url.search)}` };
  if (result.kind === "refused") return { status: result.status, text: result.message };
  const back = new URLSearchParams({ setup: result.outcome, ...(result.githubId ? { installation: String(result.githubId) } : {}) });
  return { redirect: `/${encodeURIComponent(result.tenantSlug)}/admin/github?${back.toString()}` };
}
