import { checkHealth } from "@/server/health/check-health";
import { withPublic } from "@/server/http/with-public";

export const dynamic = "force-dynamic";

export const GET = withPublic(async () => {
  const health = await checkHealth();
  return { body: health, status: health.status === "ok" ? 200 : 503 };
});
