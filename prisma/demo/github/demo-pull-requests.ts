// The agent pull requests the demo tenant shows on first open, one per state a reviewer meets: a
// draft, one in review (a reviewer asked), one with changes requested, one merged, and one flagged for
// a person because a reviewer asked for more than the task. Each is a succeeded recipe run whose patch
// Fleetgate publishes as a draft PR (the real publishing path), followed by what people do on the twin.
import type { TenantRole } from "../../../server/authz/roles";
import type { TASK_CLASSES } from "../../../server/runs/task-input";

/** What people (or the App, for a review request) do on the PR after it is opened, in order. */
export type DemoStep =
  | { do: "ready"; by: string }
  | { do: "request_review"; reviewer: string }
  | { do: "request_changes"; by: string; body: string }
  | { do: "approve"; by: string; body?: string }
  | { do: "check"; by: string; name: string; conclusion: "success" | "failure" }
  /** A comment asking for more than the task: the changeset is flagged needs_human with `reason`. */
  | { do: "flag_comment"; by: string; body: string; reason: string }
  | { do: "merge"; by: string };

export type InlineRecipe = { name: string; description: string; steps: ({ write: { path: string; content: string } } | { replace: { files: string; pattern: string; with: string } })[] };

export type DemoPullRequest = {
  /** Stable: the task's and run's ids (and so the branch) are derived from it. */
  key: string;
  tenant: string;
  repo: string;
  taskClass: (typeof TASK_CLASSES)[number];
  /** A recipe of prisma/demo/recipes (its write and replace steps make the patch), or one of its own. */
  recipe: string | InlineRecipe;
  instruction: string;
  requester: TenantRole;
  /** How long before the seed the run was asked for; it took a few minutes. */
  hoursAgo: number;
  steps: DemoStep[];
};

const outOfScope = (by: string, why: string) => `${by} asked for a change outside the task's scope (${why}); Fleetgate will not make it: a person decides`;

const RATE_LIMITS = `# Rate limits

Every API key may send 600 requests a minute. Past that, the API answers \`429 Too Many Requests\`
until the minute is over; no request is queued for later.

- Spread bulk work over time rather than sending it in one burst.
- Webhook deliveries do not count towards the limit.

See [Errors](../reference/errors.md) for the other answers a request can get.
`;

const SLUGIFY_TESTS = `import assert from "node:assert/strict";
import { test } from "node:test";
import { slugify } from "../src/slugify.js";

test("titles become lowercase words joined by hyphens", () => {
  assert.equal(slugify("Blue Cotton T-Shirt"), "blue-cotton-t-shirt");
  assert.equal(slugify("  Mugs & Cups  "), "mugs-cups");
});

test("accents are folded, so both spellings land on the same page", () => {
  assert.equal(slugify("Crème brûlée"), "creme-brulee");
  assert.equal(slugify("Crème brûlée"), slugify("Creme brulee"));
});

test("nothing but separators gives an empty slug", () => {
  assert.equal(slugify("--- !!! ---"), "");
});
`;

export const DEMO_PULL_REQUESTS: DemoPullRequest[] = [
  {
    key: "draft-timeout-key-payment-service",
    tenant: "acme", repo: "payment-service", taskClass: "config_migration", recipe: "migrate-timeout-key", requester: "operator", hoursAgo: 2,
    instruction: "Rename the deprecated timeoutMs config key to timeout_ms",
    steps: [],
  },
  {
    key: "review-timeout-key-platform-api",
    tenant: "acme", repo: "platform-api", taskClass: "config_migration", recipe: "migrate-timeout-key", requester: "operator", hoursAgo: 5,
    instruction: "Rename the deprecated timeoutMs config key to timeout_ms",
    steps: [
      { do: "check", by: "acme-ci", name: "test", conclusion: "success" },
      { do: "ready", by: "priya-platform" },
      { do: "request_review", reviewer: "dario-platform" },
    ],
  },
  {
    key: "changes-rate-limits-docs-site",
    tenant: "acme", repo: "docs-site", taskClass: "docs_update", requester: "operator", hoursAgo: 26,
    instruction: "Document the API's rate limits in a guide of their own",
    recipe: { name: "document-rate-limits", description: "Add a rate limits guide", steps: [{ write: { path: "docs/guides/rate-limits.md", content: RATE_LIMITS } }] },
    steps: [
      { do: "ready", by: "sam-docs" },
      { do: "request_changes", by: "sam-docs", body: "The 429 section should say how long to wait: name the `Retry-After` header the API sends with it." },
    ],
  },
  {
    key: "merged-money-tests-billing-ledger",
    tenant: "acme", repo: "billing-ledger", taskClass: "test_generation", recipe: "add-money-tests", requester: "operator", hoursAgo: 50,
    instruction: "Add unit tests for the ledger's money module",
    steps: [
      { do: "check", by: "acme-ci", name: "test", conclusion: "success" },
      { do: "ready", by: "mei-payments" },
      { do: "approve", by: "mei-payments", body: "Good coverage of allocate(); thanks." },
      { do: "approve", by: "olu-payments" },
      { do: "merge", by: "mei-payments" },
    ],
  },
  {
    key: "flagged-slugify-tests-web-frontend",
    tenant: "acme", repo: "web-frontend", taskClass: "test_generation", requester: "operator", hoursAgo: 8,
    instruction: "Add unit tests for slugify",
    recipe: { name: "add-slugify-tests", description: "Add unit tests for src/slugify.js", steps: [{ write: { path: "test/slugify.test.js", content: SLUGIFY_TESTS } }] },
    steps: [
      { do: "ready", by: "jonas-web" },
      {
        do: "flag_comment", by: "jonas-web",
        body: "Before this goes in, please add tests for src/app.js too: the checkout flow has none.",
        reason: outOfScope("jonas-web", "the comment names a path outside the files the run changed: src/app.js"),
      },
    ],
  },
];
