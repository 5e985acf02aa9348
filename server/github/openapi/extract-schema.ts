// The shape of github-rest.extract.json: GitHub's OpenAPI description cut down to what Fleetgate uses.
// Schema only, no logic.
import { z } from "zod";

const ZJsonObject = z.record(z.string(), z.unknown());

export const ZGithubRestExtract = z.object({
  source: z.object({
    name: z.string(),
    version: z.string(),
    file: z.string(),
    /** SHA-256 of the description file as published in the package. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    openapi: z.string(),
    /** The description's own `info.version`. */
    descriptionVersion: z.string(),
  }).strict(),
  /** OpenAPI path items holding only the operations Fleetgate uses (operationId, parameters, requestBody, responses). */
  paths: z.record(z.string(), z.record(z.string(), ZJsonObject)),
  /** `event` or `event.action` -> the payload's schema (a `$ref` into components). */
  webhooks: z.record(z.string(), ZJsonObject),
  /** Exactly the components the paths and webhooks reach, documentation and examples dropped. */
  components: z.object({
    schemas: z.record(z.string(), ZJsonObject).default({}),
    parameters: z.record(z.string(), ZJsonObject).default({}),
    responses: z.record(z.string(), ZJsonObject).default({}),
    headers: z.record(z.string(), ZJsonObject).default({}),
  }).strict(),
}).strict();
export type GithubRestExtract = z.infer<typeof ZGithubRestExtract>;

export const COMPONENT_KINDS = ["schemas", "parameters", "responses", "headers"] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export function webhookKey(event: string, action?: string): string {
  return action ? `${event}.${action}` : event;
}
