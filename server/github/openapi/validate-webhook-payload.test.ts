import { describe, expect, it } from "vitest";
import webhookExamples from "./fixtures/webhook-examples.json" with { type: "json" };
import { validateWebhookPayload } from "./validate-webhook-payload";

type Example = { event: string; action?: string; payload: Record<string, unknown> };
const examples = webhookExamples.examples as Example[];
const exampleFor = (event: string, action?: string) => structuredClone(examples.find((e) => e.event === event && e.action === action)!.payload);

/**
 * The recorded deliveries predate fields GitHub's schemas now require. Listed exactly, so that the
 * validator neither misses these nor reports anything else.
 */
const RECORDING_DRIFT: Record<string, string[]> = {
  "pull_request.opened": ["payload.pull_request.auto_merge: is required"],
  push: ["payload.repository.has_discussions: is required", "payload.repository.topics: is required", "payload.repository.visibility: is required"],
  status: ["payload.commit.commit.verification.verified_at: is required"],
};

describe("validateWebhookPayload", () => {
  it.each(examples.map((e) => [e.action ? `${e.event}.${e.action}` : e.event, e] as const))("accepts the recorded %s delivery", (key, e) => {
    expect(validateWebhookPayload(e.event, e.action, e.payload)).toEqual(RECORDING_DRIFT[key] ?? []);
  });

  it("names a missing field and a field of the wrong type", () => {
    const closed = exampleFor("pull_request", "closed") as { number?: unknown; pull_request: Record<string, unknown> };
    delete closed.number;
    closed.pull_request.draft = "no";
    expect(validateWebhookPayload("pull_request", "closed", closed)).toEqual([
      "payload.number: is required", "payload.pull_request.draft: must be boolean",
    ]);
  });

  it("checks a payload against its own action's schema", () => {
    const completed = exampleFor("check_run", "completed") as { check_run: Record<string, unknown> };
    expect(validateWebhookPayload("check_run", "completed", completed)).toEqual([]);
    completed.check_run.conclusion = "maybe";
    expect(validateWebhookPayload("check_run", "completed", completed)[0]).toMatch(/^payload\.check_run\.conclusion: must be one of .*"success"/);
  });

  it("refuses an event Fleetgate does not consume, and an action GitHub does not send", () => {
    expect(validateWebhookPayload("star", "created", {})).toEqual(["webhook event star is not one Fleetgate consumes"]);
    expect(validateWebhookPayload("check_suite", "exploded", {})).toEqual([
      "webhook check_suite.exploded: GitHub's check_suite event has no action exploded (it has completed, requested, rerequested)",
    ]);
  });
});
