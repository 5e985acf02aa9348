// Cuts GitHub's OpenAPI description down to the operations and webhook events Fleetgate uses, plus exactly
// the components they reach. Pure: the script fetches the description, this decides what is kept.
import { z } from "zod";
import { collectComponents, type ComponentRef } from "./collect-references";
import { webhookKey, type GithubRestExtract } from "./extract-schema";
import { formatOperation, type GithubOperationKey } from "./operations";
import { stripDocumentation } from "./strip-documentation";

const ZOperation = z.looseObject({ operationId: z.string() });
const ZWebhook = z.looseObject({
  post: z.looseObject({
    operationId: z.string(),
    "x-github": z.looseObject({ subcategory: z.string() }),
    requestBody: z.looseObject({ content: z.looseObject({ "application/json": z.looseObject({ schema: z.unknown() }) }) }),
  }),
});
const ZDescription = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  "x-webhooks": z.record(z.string(), ZWebhook).default({}),
  components: z.record(z.string(), z.record(z.string(), z.unknown())),
});

const OPERATION_FIELDS = ["operationId", "parameters", "requestBody", "responses"] as const;

export type ExtractSource = { name: string; version: string; file: string; sha256: string };

export function extractDescription(
  raw: unknown, source: ExtractSource, operations: readonly GithubOperationKey[], events: readonly string[],
): GithubRestExtract {
  const description = ZDescription.parse(raw);
  const paths: GithubRestExtract["paths"] = {};
  const missing: string[] = [];
  for (const op of operations) {
    const found = ZOperation.safeParse(description.paths[op.path]?.[op.method]);
    if (!found.success) { missing.push(formatOperation(op)); continue; }
    const kept = Object.fromEntries(OPERATION_FIELDS.filter((f) => f in found.data).map((f) => [f, found.data[f]]));
    (paths[op.path] ??= {})[op.method] = stripDocumentation(kept) as Record<string, unknown>;
  }

  const webhooks: GithubRestExtract["webhooks"] = {};
  for (const { post } of Object.values(description["x-webhooks"])) {
    const event = post["x-github"].subcategory;
    if (!events.includes(event)) continue;
    // operationId is `pull-request/review-requested`; the payload's action is `review_requested`.
    const action = post.operationId.split("/")[1]?.replaceAll("-", "_");
    webhooks[webhookKey(event, action)] = stripDocumentation(post.requestBody.content["application/json"].schema) as Record<string, unknown>;
  }
  for (const event of events) if (!Object.keys(webhooks).some((k) => k.split(".")[0] === event)) missing.push(`webhook event ${event}`);
  if (missing.length) throw new Error(`not in ${source.name}@${source.version} ${source.file}: ${missing.join("; ")}`);

  const components: GithubRestExtract["components"] = { schemas: {}, parameters: {}, responses: {}, headers: {} };
  const lookup = ({ kind, name }: ComponentRef) => {
    const value = description.components[kind]?.[name];
    return value === undefined ? undefined : stripDocumentation(value);
  };
  const reached = [...collectComponents({ paths, webhooks }, lookup).values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const { kind, name, value } of reached) components[kind][name] = value as Record<string, unknown>;

  return {
    source: { ...source, openapi: description.openapi, descriptionVersion: description.info.version },
    paths,
    webhooks: Object.fromEntries(Object.entries(webhooks).sort(([a], [b]) => (a < b ? -1 : 1))),
    components,
  };
}
