// Demo policy data: Acme's own guardrails (version 1 active, version 2 in shadow), a repository policy
// that forbids the payment service's CI workflows outright, and a week of
// decision records in every tenant, decided by each tenant's effective policy, so the editor's
// blast radius and the shadow comparison have real traffic to show. Added only when missing.
import { readFileSync } from "node:fs";
import { appendAuditEvent } from "../server/audit/append-event";
import type { Tx } from "../server/db/client";
import { checkDraft } from "../server/policy/check-draft";
import { documentHash } from "../server/policy/compile";
import { decideAsRecorded } from "../server/policy/decide-input";
import { loadPolicySets } from "../server/policy/load-policy-sets";
import { recordDecisions, type DecisionToRecord } from "../server/policy/record-decision";
import { random, trafficInput, type TrafficPlaces } from "./demo/decision-traffic";

const DIR = new URL("./demo/policies/", import.meta.url).pathname;
const AUTHOR = "seed";
const RECORDS = 2_000;
const WEEK_MS = 7 * 24 * 3600 * 1000;

type DemoPolicy = {
  name: string; level: "tenant" | "repository"; target?: string;
  versions: { number: number; file: string; state: "active" | "shadow"; message: string }[];
};

const ACME_POLICIES: DemoPolicy[] = [
  {
    name: "acme-guardrails", level: "tenant", versions: [
      { number: 1, file: "v1.yaml", state: "active", message: "Acme guardrails: no package publishing, migrations need approval" },
      { number: 2, file: "v2.yaml", state: "shadow", message: "Trial: deny documentation writes (in shadow to measure first)" },
    ],
  },
  {
    name: "payment-service-workflows", level: "repository", target: "payment-service", versions: [
      { number: 1, file: "v1.yaml", state: "active", message: "The payment service's CI workflows are changed by people only" },
    ],
  },
];

/** Acme's own documents (prisma/demo/policies/<name>/), each version validated with its tests before it is kept. */
export async function seedTenantPolicies(tx: Tx, tenantId: string): Promise<number> {
  let created = 0;
  for (const p of ACME_POLICIES) created += await seedPolicy(tx, tenantId, p);
  return created;
}

async function seedPolicy(tx: Tx, tenantId: string, { name, level, target, versions }: DemoPolicy): Promise<number> {
  if (await tx.policyDocument.findUnique({ where: { scopeKey_name: { scopeKey: tenantId, name } } })) return 0;
  const doc = await tx.policyDocument.create({ data: { tenantId, scopeKey: tenantId, name, level, target: target ?? null } });
  const dir = `${DIR}${name}/`;
  const tests = readFileSync(`${dir}tests.yaml`, "utf8");
  for (const v of versions) {
    const content = readFileSync(dir + v.file, "utf8");
    const sets = await loadPolicySets(tx, tenantId);
    const check = checkDraft({ content, tests, others: sets.active.documents.filter((d) => d.document.metadata.name !== name) });
    const failing = [...check.problems.map((p) => `${v.file}:${p.line}: ${p.message}`), ...check.tests.filter((t) => !t.passed).map((t) => `${t.name}: ${t.detail}`)];
    if (failing.length) throw new Error(`demo policy ${name} does not validate:\n${failing.join("\n")}`);
    await tx.policyVersion.create({
      data: { documentId: doc.id, scopeKey: tenantId, number: v.number, content, tests, contentHash: documentHash(check.document!), message: v.message, authorLabel: AUTHOR, state: v.state },
    });
    await appendAuditEvent(tx, {
      tenantId, actorType: "system", actorLabel: AUTHOR, action: `policy.version.seed`, resourceType: "policy", resourceId: doc.id,
      after: { policy: name, version: `v${v.number}`, state: v.state, message: v.message },
    });
  }
  return versions.length;
}

export async function seedDecisionRecords(tx: Tx, tenantId: string, places: TrafficPlaces): Promise<number> {
  if (await tx.decisionRecord.findFirst({ where: { tenantId }, select: { id: true } })) return 0;
  const sets = await loadPolicySets(tx, tenantId);
  const next = random(tenantId.length * 7919 + RECORDS);
  const newest = Date.now();
  const records: DecisionToRecord[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const input = trafficInput(next, places);
    records.push({
      input, decision: decideAsRecorded(sets.active, input, input.action), ...(sets.shadow ? { shadow: decideAsRecorded(sets.shadow, input, input.action) } : {}),
      source: input.action.startsWith("tool.") ? "tool" : "authorize", subjectId: input.subject.id,
      at: new Date(newest - Math.round(((RECORDS - i) / RECORDS) * WEEK_MS)),
    });
  }
  await recordDecisions(tx, tenantId, records);
  return RECORDS;
}
