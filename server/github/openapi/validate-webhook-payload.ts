// Checks a webhook delivery's payload against GitHub's schema for its event and action (the checked-in
// extract). Answers the problems, each naming where it is; none means GitHub could have sent it.
import { webhookKey } from "./extract-schema";
import { GITHUB_WEBHOOK_EVENTS } from "./operations";
import { githubSchemaSets } from "./schema-set";

export function validateWebhookPayload(event: string, action: string | undefined, payload: unknown): string[] {
  const { extract, bodies } = githubSchemaSets();
  if (!(GITHUB_WEBHOOK_EVENTS as readonly string[]).includes(event)) return [`webhook event ${event} is not one Fleetgate consumes`];
  const key = webhookKey(event, action);
  const schema = extract.webhooks[key];
  if (!schema) {
    const actions = Object.keys(extract.webhooks).filter((k) => k.split(".")[0] === event).map((k) => k.split(".")[1] ?? "(none)");
    return [`webhook ${key}: GitHub's ${event} event has no ${action ? `action ${action}` : "delivery without an action"} (it has ${actions.join(", ")})`];
  }
  return bodies.validate(`webhook ${key}`, schema, payload, "payload");
}
