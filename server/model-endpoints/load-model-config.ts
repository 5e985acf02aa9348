// The worker's view of a tenant's model endpoint: the adapter's configuration with the key opened,
// and the run limits. Only the worker calls this; the key lives in its memory for the run's length.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { AgentLimits } from "../agent/types";
import type { ChatConfig } from "../agent/chat-client";
import { db } from "../db/client";
import { openSecret, SecretBoxError } from "../secrets/secret-box";
import { checkWebhookUrl, classifyAddress, loopbackAllowed } from "../webhooks/url-policy";

export type LoadedModelConfig = { ok: true; config: ChatConfig; limits: AgentLimits } | { ok: false; message: string };

export async function loadModelConfig(tenantId: string): Promise<LoadedModelConfig> {
  const row = await db.modelEndpoint.findUnique({ where: { tenantId } });
  if (!row) return { ok: false, message: "the tenant has no model endpoint (it was removed after the task was created); a tenant admin sets one in Admin → Model endpoint" };
  // The rules again: the deployment's settings (loopback allowed?) may have changed since it was set.
  const url = checkWebhookUrl(row.baseUrl, { allowLoopback: loopbackAllowed() });
  if (!url.ok) return { ok: false, message: `the model endpoint's URL is no longer allowed: it ${url.problem}` };
  const reach = await vetAddresses(url.url.hostname, loopbackAllowed());
  if (reach) return { ok: false, message: reach };
  let apiKey = "";
  if (row.keySealed !== null) {
    try {
      apiKey = openSecret(row.keySealed, "model", tenantId);
    } catch (e) {
      if (e instanceof SecretBoxError) return { ok: false, message: e.message };
      throw e;
    }
  }
  return {
    ok: true,
    config: { baseUrl: row.baseUrl, model: row.model, apiKey, maxOutputTokens: row.maxOutputTokens },
    limits: { maxTurns: row.maxTurns, requestTimeoutMs: row.timeoutMs },
  };
}

/**
 * Every address the host name resolves to now must be public (loopback where the deployment allows
 * it), as for webhooks: a name pointed into a private network is refused at the run's start. A name
 * re-pointed during the run (DNS rebinding) is not caught here; webhooks check at connect time.
 */
export async function vetAddresses(hostname: string, allowLoopback: boolean): Promise<string | null> {
  const host = hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (e) {
    return `the model endpoint's host ${host} could not be resolved (${(e as NodeJS.ErrnoException).code ?? "error"})`;
  }
  const bad = addresses.find((a) => {
    const c = classifyAddress(a);
    return c === "private" || (c === "loopback" && !allowLoopback);
  });
  return bad ? `the model endpoint's host ${host} resolves to ${bad}, which model requests may not reach` : null;
}
