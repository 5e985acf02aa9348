// Real payloads for the validator's tests, taken at extraction time: GitHub's own examples from the
// description (REST) and the community's recorded deliveries from @octokit/webhooks-examples (webhooks).
import { z } from "zod";
import type { GithubOperationKey } from "./operations";
import { isObject } from "./strip-documentation";

export type RestExample = { method: string; path: string; status: number; name: string; request?: unknown; response: unknown };
export type WebhookExample = { event: string; action?: string; payload: unknown };

const ZNamedExamples = z.record(z.string(), z.looseObject({ value: z.unknown().optional(), $ref: z.string().optional() }));

/** Every JSON example the description gives for an operation's answers, each with the request example if there is one. */
export function pickRestExamples(description: unknown, operations: readonly GithubOperationKey[]): RestExample[] {
  const root = description as { paths: Record<string, Record<string, unknown>>; components: { examples?: Record<string, { value?: unknown }> } };
  const resolve = (e: { value?: unknown; $ref?: string }) =>
    e.$ref ? root.components.examples?.[e.$ref.replace("#/components/examples/", "")]?.value : e.value;
  const jsonExamples = (holder: unknown) => {
    const content = isObject(holder) && isObject(holder.content) ? holder.content["application/json"] : undefined;
    return isObject(content) ? Object.entries(ZNamedExamples.parse(content.examples ?? {})) : [];
  };
  const out: RestExample[] = [];
  for (const { method, path } of operations) {
    const op = root.paths[path]?.[method];
    if (!isObject(op) || !isObject(op.responses)) continue;
    const request = jsonExamples(op.requestBody)[0]?.[1];
    for (const [status, answer] of Object.entries(op.responses)) {
      for (const [name, example] of jsonExamples(answer)) {
        const response = resolve(example);
        if (response === undefined) continue;
        out.push({ method, path, status: Number(status), name, ...(request ? { request: resolve(request) } : {}), response });
      }
    }
  }
  return out;
}

const ZWebhookExamples = z.array(z.looseObject({ name: z.string(), examples: z.array(z.looseObject({ action: z.string().optional() })) }));

/** The first recorded delivery of each wanted `event` or `event.action`. */
export function pickWebhookExamples(raw: unknown, wanted: readonly string[]): WebhookExample[] {
  const byEvent = ZWebhookExamples.parse(raw);
  return wanted.map((key) => {
    const [event, action] = key.split(".") as [string, string | undefined];
    const payload = byEvent.find((e) => e.name === event)?.examples.find((x) => x.action === action);
    if (!payload) throw new Error(`no recorded ${key} delivery in the webhook examples`);
    return { event, ...(action ? { action } : {}), payload };
  });
}
