// The detection step for real: a bare remote, a checkout of its default branch and the campaign's
// argv in the bubblewrap sandbox. Exit 0 is "still needed", 1 "done" (after a commit removes what
// it looks for), anything else an error with its reason (another code, the time limit, a missing
// program); the checkout is read-only (a write fails and nothing persists). Detect now is
// campaign.manage's, audited, 202; a campaign without a detection step is 409. Launch asks for the
// baseline; a merged campaign PR asks again for its repository (the reconciler).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as detectRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/detect/route";
import { db } from "../db/client";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { campaignFleet, fleetSpec, type Fleet } from "../test/campaign-fleet";
import { insertChangeset } from "../test/insert-changeset";
import { ownApprovalQueues, runAs } from "../test/run-as";
import { createCampaign } from "./create-campaign";
import { launchCampaign } from "./launch-campaign";
import { reconcileDetections } from "./reconcile-detections";
import { runDetection } from "./run-detection";

ownApprovalQueues("campaign-detection");

let f: Fleet;
let root: string;
let remote: string;
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", "-c", "init.defaultBranch=main", ...args], { cwd, stdio: "pipe" }).toString().trim();
const onPayApi = { teams: ["payments"], riskTiers: ["low"] };

beforeAll(async () => {
  f = await campaignFleet("detection");
  root = mkdtempSync(path.join(tmpdir(), "fg-detection-"));
  const src = path.join(root, "src");
  execFileSync("mkdir", [src]);
  writeFileSync(path.join(src, "README.md"), "uses the old API\n");
  git(src, "init", "-q");
  git(src, "add", "-A");
  git(src, "commit", "-qm", "init");
  git(root, "clone", "-q", "--bare", src, "remote.git");
  remote = path.join(root, "remote.git");
  await db.repository.updateMany({ where: { tenantId: f.tenant.id }, data: { remoteUrl: remote } });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A draft over payments' low-risk repositories (pay-api, pay-docs) with the given detection. */
const draft = async (detection?: Record<string, unknown>) =>
  (await runAs(f.owner.id, f.tenant, "detection", (ctx) => createCampaign(ctx, { spec: fleetSpec({ targets: onPayApi, waves: { canary: 1, sizes: ["100%"] }, ...(detection ? { detection } : {}) }) as never }))).campaign.id;

async function detectNow(campaignId: string) {
  const token = await tokenOf(f.owner, f.tenant, ["campaign_owner"]);
  return callRoute(detectRoute, { token, tenant: f.tenant, path: `/campaigns/${campaignId}/detect`, params: { campaignId }, body: { note: "check" } });
}

/** Asks for detection on the campaign and runs every pending one here (as the worker would). */
async function detectAll(campaignId: string) {
  const r = await detectNow(campaignId);
  expect(r.status).toBe(202);
  const pending = await db.campaignDetection.findMany({ where: { campaignId, outcome: "pending" }, select: { id: true } });
  for (const d of pending) await runDetection(d.id);
  return db.campaignDetection.findMany({ where: { id: { in: pending.map((d) => d.id) } }, orderBy: { repositoryId: "asc" } });
}

describe("outcomes", () => {
  it("is needed while the default branch has what it looks for, and done once a commit removes it", async () => {
    const id = await draft({ argv: ["grep", "-q", "old API", "README.md"] });
    const first = await detectAll(id);
    expect(first.map((d) => [d.outcome, d.exitCode, d.trigger])).toEqual([["needed", 0, "manual"], ["needed", 0, "manual"]]);
    expect(first[0]!.sha).toBe(git(remote, "rev-parse", "main"));
    const src = path.join(root, "src");
    writeFileSync(path.join(src, "README.md"), "uses the new API\n");
    git(src, "commit", "-qam", "migrate");
    git(src, "push", "-q", remote, "main");
    const second = await detectAll(id);
    expect(second.map((d) => [d.outcome, d.exitCode, d.sha])).toEqual([["done", 1, git(remote, "rev-parse", "main")], ["done", 1, git(remote, "rev-parse", "main")]]);
    // A second run of a finished detection records nothing.
    expect(await runDetection(second[0]!.id)).toMatch(/^nothing to do/);
  });

  it("is an error with its reason: another exit code, the time limit, a program that is not there", async () => {
    for (const [detection, reason] of [
      [{ argv: ["sh", "-c", "echo broken >&2; exit 3"] }, "exit code 3 (0: still needed, 1: done)"],
      [{ argv: ["sleep", "30"], timeoutSeconds: 1 }, "timed out after 1 s"],
    ] as const) {
      const [d] = await detectAll(await draft(detection));
      expect([d!.outcome, d!.reason]).toEqual(["error", reason]);
    }
    const [missing] = await detectAll(await draft({ argv: ["no-such-program"] }));
    expect(missing).toMatchObject({ outcome: "error", reason: expect.stringMatching(/^exit code 127/) });
  });

  it("runs against a read-only checkout: a write fails and nothing persists", async () => {
    const id = await draft({ argv: ["sh", "-c", "echo changed > README.md && echo wrote"] });
    const [d] = await detectAll(id);
    expect(d).toMatchObject({ outcome: "error", reason: expect.stringMatching(/^exit code [12]\b/) });
    expect(d!.output).toMatch(/Read-only file system/);
    expect(d!.output).not.toMatch(/wrote/);
    expect(git(remote, "show", "main:README.md")).toBe("uses the new API");
  });

  it("records a checkout that fails as an error", async () => {
    await db.repository.update({ where: { id: f.repo["pay-docs"]! }, data: { remoteUrl: path.join(root, "gone.git") } });
    try {
      const found = await detectAll(await draft({ argv: ["true"] }));
      expect(found.map((d) => d.outcome).sort()).toEqual(["error", "needed"]);
      expect(found.find((d) => d.outcome === "error")!.reason).toMatch(/gone\.git is not a directory/);
    } finally {
      await db.repository.update({ where: { id: f.repo["pay-docs"]! }, data: { remoteUrl: remote } });
    }
  });
});

describe("detect now", () => {
  it("is audited, asks once per target while one is pending, and is 409 without a detection step", async () => {
    const id = await draft({ argv: ["true"] });
    const first = await detectNow(id);
    expect([first.status, first.body]).toEqual([202, { requested: 2 }]);
    expect(await auditOfRequest(first.requestId)).toEqual([["campaign.detect", "success"]]);
    expect((await detectNow(id)).body).toEqual({ requested: 0 });
    const none = await detectNow(await draft());
    expect([none.status, none.body.error?.message]).toEqual([409, "the campaign has no detection step: give one in its spec (detection.argv) or its recipe"]);
    expect(await auditOfRequest(none.requestId)).toEqual([]);
  });

  it("takes a recipe's detection step when the spec gives none", async () => {
    const recipe = "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: api-move }\nsteps:\n  - write: { path: README.md, content: new }\ndetection: { argv: [grep, -q, API, README.md] }\n";
    const id = (await runAs(f.owner.id, f.tenant, "detection", (ctx) => createCampaign(ctx, {
      spec: fleetSpec({ targets: onPayApi, waves: { canary: 1, sizes: ["100%"] }, change: { ...fleetSpec().change, agent: { kind: "recipe", recipe } } }) as never,
    }))).campaign.id;
    expect((await detectAll(id)).map((d) => d.outcome)).toEqual(["needed", "needed"]);
  });
});

describe("when it runs by itself", () => {
  it("asks for the baseline at launch, and again for a repository once a campaign PR merged there", async () => {
    const id = await draft({ argv: ["true"] });
    await runAs(f.owner.id, f.tenant, "detection", (ctx) => launchCampaign(ctx, id, {}));
    const baseline = await db.campaignDetection.findMany({ where: { campaignId: id } });
    expect(baseline.map((d) => [d.trigger, d.outcome])).toEqual([["launch", "pending"], ["launch", "pending"]]);
    for (const d of baseline) await runDetection(d.id);
    await insertChangeset(f.tenant, { repositoryId: f.repo["pay-api"]!, campaignId: id, state: "merged", set: { prNumber: 7, openedAt: new Date(), mergedAt: new Date() } });
    await reconcileDetections();
    const after = await db.campaignDetection.findMany({ where: { campaignId: id, trigger: "merge" } });
    expect(after.map((d) => [d.repositoryId, d.outcome])).toEqual([[f.repo["pay-api"], "pending"]]);
    // Asked for once: the next pass finds the detection asked for since the merge.
    await reconcileDetections();
    expect(await db.campaignDetection.count({ where: { campaignId: id, trigger: "merge" } })).toBe(1);
  });
});
