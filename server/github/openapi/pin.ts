// The packages the GitHub extract is taken from. Changing a version here without running
// `npx tsx scripts/extract-github-openapi.ts` fails github-rest-extract.test.ts.
export const OPENAPI_SOURCE = {
  name: "@octokit/openapi",
  version: "23.0.2",
  /** Not the `.deref` twin: keeping `$ref`s is what keeps the extract small. */
  file: "generated/api.github.com.json",
} as const;

/** Real webhook deliveries, for the validator's tests (the description carries no webhook examples). */
export const WEBHOOK_EXAMPLES_SOURCE = {
  name: "@octokit/webhooks-examples",
  version: "7.6.1",
  file: "api.github.com/index.json",
} as const;
