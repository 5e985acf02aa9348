// npx tsx scripts/extract-github-openapi.ts
// Re-writes server/github/openapi/github-rest.extract.json (and the validator's example fixtures) from the
// pinned packages in server/github/openapi/pin.ts. The packages are fetched with `npm pack` into a temporary
// folder, never installed: @octokit/openapi is 385 MB on disk.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { extractDescription } from "../server/github/openapi/extract-description";
import { GITHUB_OPERATIONS, GITHUB_WEBHOOK_EVENTS } from "../server/github/openapi/operations";
import { pickRestExamples, pickWebhookExamples } from "../server/github/openapi/pick-examples";
import { OPENAPI_SOURCE, WEBHOOK_EXAMPLES_SOURCE } from "../server/github/openapi/pin";
import { stringifyShallow } from "../server/github/openapi/stringify-extract";
import { applyErrata } from "../server/github/openapi/errata";

const OUT = path.join(import.meta.dirname, "../server/github/openapi");
const WEBHOOK_EXAMPLES = ["pull_request.opened", "pull_request.closed", "check_run.completed", "push", "status"];

/** Reads one file out of the package's tarball; the tarball's integrity is checked by npm against the registry. */
function readPackageFile(source: { name: string; version: string; file: string }, dir: string): Buffer {
  const packed = JSON.parse(execFileSync("npm", ["pack", `${source.name}@${source.version}`, "--json", "--pack-destination", dir], { encoding: "utf8" })) as { filename: string }[];
  const tarball = path.join(dir, packed[0]!.filename);
  execFileSync("tar", ["-xzf", tarball, "-C", dir, `package/${source.file}`]);
  return readFileSync(path.join(dir, "package", source.file));
}

const dir = mkdtempSync(path.join(tmpdir(), "github-openapi-"));
try {
  const bytes = readPackageFile(OPENAPI_SOURCE, dir);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const description: unknown = JSON.parse(bytes.toString("utf8"));
  applyErrata(description);
  const extract = extractDescription(description, { ...OPENAPI_SOURCE, sha256 }, GITHUB_OPERATIONS, GITHUB_WEBHOOK_EVENTS);
  const text = stringifyShallow(extract, 3) + "\n";
  writeFileSync(path.join(OUT, "github-rest.extract.json"), text);

  const restExamples = pickRestExamples(description, GITHUB_OPERATIONS);
  writeFileSync(path.join(OUT, "fixtures/rest-examples.json"), stringifyShallow({ source: extract.source, examples: restExamples }, 1) + "\n");
  const webhookRaw: unknown = JSON.parse(readPackageFile(WEBHOOK_EXAMPLES_SOURCE, dir).toString("utf8"));
  const webhookExamples = pickWebhookExamples(webhookRaw, WEBHOOK_EXAMPLES);
  writeFileSync(path.join(OUT, "fixtures/webhook-examples.json"), stringifyShallow({ source: WEBHOOK_EXAMPLES_SOURCE, examples: webhookExamples }, 1) + "\n");

  console.log(`${OPENAPI_SOURCE.name}@${OPENAPI_SOURCE.version} (sha256 ${sha256.slice(0, 12)}): ${GITHUB_OPERATIONS.length} operations, `
    + `${Object.keys(extract.webhooks).length} webhook payloads, ${Object.keys(extract.components.schemas).length} schemas; `
    + `extract ${(text.length / 1024).toFixed(0)} KiB; ${restExamples.length} REST and ${webhookExamples.length} webhook examples`);
} catch (e) {
  console.error(`extract-github-openapi: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
