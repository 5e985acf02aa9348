// Figure (f): the policy editor's blast radius. A bench tenant gets 10,000 decision records of
// realistic agent and console traffic, decided by the default policies in policies/; a draft (the
// defaults with one rule removed and one deny added) is then replayed against them, as the editor
// does: loadReplayRecords + replayDecisions, timed together over several repetitions.
import { performance } from "node:perf_hooks";
import { db, type Prisma } from "../server/db/client";
import { compilePolicySet, type CompiledPolicySet } from "../server/policy/compile";
import type { PolicyDocument } from "../server/policy/document-schema";
import { evaluate } from "../server/policy/evaluate";
import { loadPolicyFiles } from "../server/policy/load-policy-files";
import { loadReplayRecords } from "../server/policy/load-decision-records";
import { ZReplayFilter } from "../server/policy/policy-input";
import { replayDecisions, type BlastRadius } from "../server/policy/replay-decisions";
import { random, trafficInput } from "../prisma/demo/decision-traffic";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const CHUNK = 2_000;
const STEP_MS = 9_000; // one decision every 9 s: 10,000 span about a day

async function insertTraffic(set: CompiledPolicySet, tenantId: string, count: number): Promise<Record<string, number>> {
  const next = random(20_261_121);
  const newest = Date.now();
  const decisions: Record<string, number> = {};
  let rows: Prisma.DecisionRecordCreateManyInput[] = [];
  for (let i = 0; i < count; i++) {
    const input = trafficInput(next);
    const d = evaluate(set, input);
    decisions[d.decision] = (decisions[d.decision] ?? 0) + 1;
    rows.push({
      tenantId, createdAt: new Date(newest - (count - i) * STEP_MS), action: input.action, resourceKind: input.resource.kind, input,
      decision: d.decision, decidingRule: d.decidingRule ? `${d.decidingRule.policy}/${d.decidingRule.rule}` : null,
      matchedRules: d.matchedRules, versions: Object.fromEntries(d.matchedRules.map((m) => [m.policy, m.version])),
      effectivePolicyHash: d.effectivePolicyHash, source: "runtime", subjectId: input.subject.id,
    });
    if (rows.length === CHUNK || i === count - 1) {
      await db.decisionRecord.createMany({ data: rows });
      rows = [];
    }
  }
  return decisions;
}

const REMOVED = { policy: "platform-tool-calls", rule: "shell-network-needs-approval" };
const ADDED = {
  policy: "platform-console-access",
  rule: {
    id: "run-high-tier-autonomy-denied", match: { actions: ["run.create"] }, effect: "deny" as const,
    when: "input.resource.riskTier == 'high' && input.context.autonomyLevel in ['autonomous_pr', 'fleet_campaign']",
    reason: "high-tier repositories run at most supervised PRs",
  },
};

function draftOf(documents: readonly PolicyDocument[]): CompiledPolicySet {
  return compilePolicySet(documents.map((d) => {
    const name = d.metadata.name;
    let rules = d.rules.filter((r) => !(name === REMOVED.policy && r.id === REMOVED.rule));
    if (name === ADDED.policy) rules = [...rules, ADDED.rule];
    return { document: { ...d, rules } };
  }));
}

export async function benchBlastRadius(records = 10_000, repetitions = 7): Promise<void> {
  heading(`(f) policy blast radius: ${fmt(records)} recorded decisions replayed against a draft, ${repetitions} repetitions`);
  const loaded = loadPolicyFiles("policies");
  if (!loaded.set || loaded.errors.length) throw new Error(`policies/ does not load: ${loaded.errors.join("; ")}`);
  const tenant = await db.tenant.create({ data: { slug: "bench-decisions", name: "Bench decisions" }, select: { id: true } });

  let t = performance.now();
  const recorded = await insertTraffic(loaded.set, tenant.id, records);
  const mix = ["allow", "require_approval", "deny"].map((k) => `${fmt(recorded[k] ?? 0)} ${k}`).join(", ");
  console.log(`  inserted ${fmt(records)} records decided by the default policies (${mix}) in ${ms(performance.now() - t)}`);

  t = performance.now();
  const draft = draftOf(loaded.documents.map((d) => d.document));
  console.log(`  draft: without ${REMOVED.policy}/${REMOVED.rule}, with ${ADDED.policy}/${ADDED.rule.id}; compiled in ${ms(performance.now() - t)}`);

  const filter = ZReplayFilter.parse({ limit: records });
  const load: number[] = [];
  const replay: number[] = [];
  const total: number[] = [];
  let radius: BlastRadius | undefined;
  for (let i = 0; i < repetitions; i++) {
    const t0 = performance.now();
    const rows = await loadReplayRecords(db, tenant.id, filter);
    const t1 = performance.now();
    radius = replayDecisions(draft, rows);
    const t2 = performance.now();
    if (rows.length !== records) throw new Error(`loaded ${rows.length} records, expected ${records}`);
    load.push(t1 - t0);
    replay.push(t2 - t1);
    total.push(t2 - t0);
  }
  const [l, r, all] = [summarise(load), summarise(replay), summarise(total)];
  console.log(`  load p50 ${ms(l.p50)} max ${ms(l.max)}; replay p50 ${ms(r.p50)} max ${ms(r.max)}`);
  console.log(`  load + replay: first ${ms(total[0]!)}, p50 ${ms(all.p50)}, max ${ms(all.max)}; ${fmt(records / (all.p50 / 1000))} records/s`);
  const b = radius!;
  const kinds = b.byKind.map((k) => `${fmt(k.count)} ${k.kind}`).join(", ") || "none";
  console.log(`  changed ${fmt(b.changed)} of ${fmt(b.replayed)}: ${kinds}`);
  console.log(`  rules reached by the replayed traffic: ${b.reachedRules.length} of ${draft.rules.length}`);
  figure("(f) policy blast radius, load + replay max", all.max, "ms");
  console.log(`  ${target(all.max < 2_000, `${fmt(records)} records < 2 s (max of ${repetitions})`)}`);
}
