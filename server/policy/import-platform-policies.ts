// The platform baseline ships as files (policies/platform) and is brought into the database as
// active platform versions: a file that differs from the active version becomes the next version.
// Run by the seed on every start, so an upgrade's new baseline applies; audited on the platform chain.
import { readFileSync, existsSync } from "node:fs";
import { appendAuditEvent } from "../audit/append-event";
import type { Tx } from "../db/client";
import { documentHash } from "./compile";
import { loadPolicyFiles } from "./load-policy-files";
import { versionLabel } from "./load-policy-sets";
import { PLATFORM_SCOPE } from "./policy-scope";
import { lockDocument } from "./policy-lookup";

export const PLATFORM_POLICY_DIR = new URL("../../policies/platform", import.meta.url).pathname;
const AUTHOR = "fleetgate (policies/platform)";

export async function importPlatformPolicies(tx: Tx, dir = PLATFORM_POLICY_DIR): Promise<{ imported: string[] }> {
  const loaded = loadPolicyFiles(dir);
  if (loaded.errors.length) throw new Error(`${dir} does not validate:\n${loaded.errors.join("\n")}`);
  const imported: string[] = [];
  for (const { file, document } of loaded.documents) {
    const content = readFileSync(file, "utf8");
    const testsFile = file.replace(/\.ya?ml$/, ".tests.yaml");
    const tests = existsSync(testsFile) ? readFileSync(testsFile, "utf8") : "";
    const name = document.metadata.name;
    // Not an upsert: a document is never updated (a trigger refuses it).
    const doc = (await tx.policyDocument.findUnique({ where: { scopeKey_name: { scopeKey: PLATFORM_SCOPE, name } } }))
      ?? (await tx.policyDocument.create({ data: { scopeKey: PLATFORM_SCOPE, name, level: document.metadata.level, target: null } }));
    await lockDocument(tx, doc.id);
    const active = await tx.policyVersion.findFirst({ where: { documentId: doc.id, state: "active" } });
    if (active && active.content === content && active.tests === tests) continue;
    const latest = await tx.policyVersion.findFirst({ where: { documentId: doc.id }, orderBy: { number: "desc" }, select: { number: true } });
    const number = (latest?.number ?? 0) + 1;
    if (active) await tx.policyVersion.update({ where: { id: active.id }, data: { state: "retired", stateAt: new Date() } });
    const v = await tx.policyVersion.create({
      data: {
        documentId: doc.id, scopeKey: PLATFORM_SCOPE, number, content, tests, contentHash: documentHash(document),
        message: `Imported from policies/platform/${file.split("/").pop()}`, authorLabel: AUTHOR, state: "active",
      },
    });
    await appendAuditEvent(tx, {
      tenantId: null, actorType: "system", actorLabel: AUTHOR, action: "policy.version.import", resourceType: "policy", resourceId: doc.id,
      after: { policy: name, version: versionLabel(number), contentHash: v.contentHash, retired: active ? versionLabel(active.number) : null },
    });
    imported.push(`${name} ${versionLabel(number)}`);
  }
  return { imported };
}
