// For the webhook and reconciliation integration tests: the twin delivering to the real route
// (app/api/github/webhooks/route.ts, behind a loopback HTTP server), a worker processing deliveries,
// Fleetgate configured with the twin's App, a tenant bound to the twin's installation with a mapped
// repository, and agent changesets whose pull requests are opened on the twin.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { POST } from "../../app/api/github/webhooks/route";
import { db, disconnectDb } from "../db/client";
import { env, overrideEnv } from "../env";
import { closeQueues, obliterateQueues } from "../jobs/enqueue";
import type { JobDeclaration } from "../jobs/define-job";
import { queueNames, startWorkers, type RunningWorkers } from "../jobs/start-workers";
import { addPerson, type TestPerson, type TestTenant } from "./run-as";
import { createTestTenant } from "./create-tenant";
import { JOB_HANDLERS } from "../wiring/job-handlers";
import { branchSha, commitFiles, repositoryDir } from "../github/twin/bare-repository";
import { signWebhook } from "../github/twin/send-webhooks";
import { APP_ID, SECRET, startTwinFixture, type TwinFixture } from "../github/twin/testing/twin-fixture";
import type { TwinDelivery } from "../github/twin/twin-types";
import { processDeliveryJob } from "../github/webhooks/delivery-job";

const ROUTE_PATH = "/api/github/webhooks";

export const PATCH = [
  "diff --git a/src/index.js b/src/index.js",
  "--- a/src/index.js",
  "+++ b/src/index.js",
  "@@ -1 +1 @@",
  "-module.exports = 1;",
  "+module.exports = 2;",
  "",
].join("\n");

export type WebhookFixture = {
  f: TwinFixture;
  tenant: TestTenant;
  requester: TestPerson;
  repositoryId: string;
  installationRowId: string;
  /** Opens an agent PR on the twin for a changeset inserted first (as its publisher would have pushed). */
  agentPr(o?: { draft?: boolean; labels?: string[]; state?: "draft" | "open" | "publishing"; agent?: "recipe" | "model" }): Promise<{ changesetId: string; number: number; branch: string; headSha: string; runId: string }>;
  human(body: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** Waits until every delivery the twin has sent to the route so far is processed. */
  settle(): Promise<void>;
  /** The twin's deliveries, newest last. */
  deliveries(): TwinDelivery[];
  /** POSTs to the route as GitHub would (signed with `secret`, default the App's). */
  post(event: string | null, body: string, o?: { secret?: string | null; deliveryId?: string | null; contentType?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
};

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The route behind a loopback server on a port of the system's choosing (test files and other checkouts run at once). */
function serveRoute(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const answer = await POST(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }));
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${ROUTE_PATH}` }));
  });
}

export async function startWebhookFixture(label: string, o: { jobs?: readonly JobDeclaration[] } = {}): Promise<WebhookFixture> {
  const prefix = `${env().QUEUE_PREFIX.slice(0, 20)}-${label}-${randomBytes(3).toString("hex")}`;
  overrideEnv({ QUEUE_PREFIX: prefix });
  const { server, url: routeUrl } = await serveRoute();
  const f = await startTwinFixture({ webhookUrl: routeUrl });
  overrideEnv({ GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY_FILE: f.twin.privateKeyPath!, GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_API_URL: f.twin.url });
  const workers: RunningWorkers = await startWorkers(JOB_HANDLERS.filter((h) => h.job === processDeliveryJob || o.jobs?.includes(h.job)), { schedule: false });

  const tenant = await createTestTenant(label);
  const requester = await addPerson(tenant, ["operator"], "rita");
  await db.membership.update({ where: { tenantId_userId: { tenantId: tenant.id, userId: requester.id } }, data: { githubLogin: "rita" } });
  const installation = await db.githubInstallation.upsert({
    where: { githubId: BigInt(f.installationId) },
    create: { githubId: BigInt(f.installationId), tenantId: tenant.id, accountLogin: "acme", accountType: "Organization", repositorySelection: "all", boundAt: new Date() },
    update: { tenantId: tenant.id, deletedAt: null, suspendedAt: null },
  });
  const twinRepo = f.twin.ctx.store.data.repositories.find((r) => r.owner === "acme" && r.name === "widgets")!;
  const repository = await db.repository.create({
    data: { tenantId: tenant.id, owner: "acme", name: "widgets", githubRepoId: BigInt(twinRepo.id), githubInstallationId: installation.id },
  });
  const dir = repositoryDir(f.dataDir, "acme", "widgets");
  let n = 0;

  const fixture: WebhookFixture = {
    f, tenant, requester, repositoryId: repository.id, installationRowId: installation.id,
    async agentPr(o = {}) {
      const i = ++n;
      const branch = `fleetgate/fix/${label}-${i}-${randomBytes(2).toString("hex")}`;
      const { after: headSha } = await commitFiles(dir, { branch, files: { "src/index.js": `module.exports = ${i + 1};\n` }, message: `Agent change ${i}`, author: { name: "fleetgate[bot]", email: "bot@fleetgate.test" }, parent: await branchSha(dir, "main") });
      const task = await db.task.create({ data: { tenantId: tenant.id, repositoryId: repository.id, taskClass: "fix", agentKind: o.agent ?? "recipe", instruction: `change ${i}`, autonomy: "draft_pr", requesterId: requester.id, requesterLabel: requester.email } });
      const run = await db.run.create({ data: { tenantId: tenant.id, taskId: task.id, repositoryId: repository.id, taskClass: "fix", requesterLabel: requester.email, state: "succeeded" } });
      await db.runArtifact.create({ data: { tenantId: tenant.id, runId: run.id, kind: "patch", sha256: createHash("sha256").update(PATCH).digest("hex"), size: PATCH.length, content: PATCH } });
      const cs = await db.changeset.create({
        data: {
          tenantId: tenant.id, taskId: task.id, repositoryId: repository.id, runId: run.id, taskClass: "fix", mode: "draft_pr", state: o.state ?? (o.draft === false ? "open" : "draft"),
          branch, baseBranch: "main", headSha, riskScore: 2, riskParts: [], labels: o.labels ?? [],
        },
      });
      const pr = await f.call("POST", "/repos/acme/widgets/pulls", { auth: `token ${await f.token()}`, body: { title: `Change ${i}`, head: branch, base: "main", draft: o.draft ?? true } });
      if (pr.status !== 201) throw new Error(`create PR: ${pr.status} ${JSON.stringify(pr.body)}`);
      if (o.labels?.length) await f.call("POST", `/repos/acme/widgets/issues/${pr.body.number}/labels`, { auth: `token ${await f.token()}`, body: { labels: o.labels } });
      await fixture.settle();
      return { changesetId: cs.id, number: pr.body.number as number, branch, headSha, runId: run.id };
    },
    human: (body) => f.call("POST", "/_twin/human", { body: { repo: "acme/widgets", ...body } }),
    deliveries: () => f.twin.ctx.store.data.deliveries,
    async settle() {
      await f.twin.ctx.webhooks.idle();
      const sent = f.twin.ctx.store.data.deliveries.filter((d) => d.attempts.some((a) => a.statusCode === 202)).map((d) => d.guid);
      await until("deliveries to be processed", async () => (await db.githubDelivery.count({ where: { deliveryId: { in: sent }, processedAt: { not: null } } })) === sent.length);
    },
    async post(event, body, o = {}) {
      const secret = o.secret === undefined ? SECRET : o.secret;
      const headers: Record<string, string> = { "content-type": o.contentType ?? "application/json" };
      if (event) headers["x-github-event"] = event;
      if (o.deliveryId !== null) headers["x-github-delivery"] = o.deliveryId ?? crypto.randomUUID();
      if (secret) headers["x-hub-signature-256"] = signWebhook(secret, body);
      const res = await fetch(routeUrl, { method: "POST", headers, body });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await workers.close();
      await new Promise((r) => server.close(r));
      await f.cleanup();
      await closeQueues();
      // Every queue: what the deliveries led to (runs, publications) was enqueued under this prefix too.
      await obliterateQueues(prefix, queueNames(JOB_HANDLERS));
      await disconnectDb();
    },
  };
  await fixture.settle();
  return fixture;
}
