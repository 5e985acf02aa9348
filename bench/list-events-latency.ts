// Figure (d): listAuditEvents on a tenant with a large trail: the first page and filtered pages.
import { performance } from "node:perf_hooks";
import { ZAuditFilter, type AuditFilter } from "../server/audit/audit-input";
import { listAuditEvents } from "../server/audit/list-events";
import { loadUserActor } from "../server/auth/load-user-actor";
import { scopeFor } from "../server/authz/scope";
import { readContext } from "../server/core/read-context";
import { db } from "../server/db/client";
import { loadPolicySets } from "../server/policy/load-policy-sets";
import { RARE_ACTION, RARE_ACTOR, type LargeChain } from "./load-large-chain";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const RUNS = 40;
const DAY = 86_400_000;

type Case = { name: string; filter: (i: number) => Record<string, unknown> };

export async function benchListEvents(chain: LargeChain): Promise<void> {
  heading(`(d) listAuditEvents over a tenant with ${fmt(chain.events)} events: ${RUNS} runs each, page of 50`);
  const span = chain.lastAt.getTime() - chain.firstAt.getTime();
  // Points in the trail as a fraction of its length, so smaller BENCH_LARGE_EVENTS runs still hit rows.
  const at = (fraction: number) => new Date(chain.firstAt.getTime() + span * fraction);
  const mid = at(0.5);
  const day = Math.min(DAY, span / 100);
  const timeCases: Case[] = [
    { name: "by time range: one day mid-trail", filter: (i) => ({ from: at(0.3 + i * 0.01), to: new Date(at(0.3 + i * 0.01).getTime() + day) }) },
    { name: "by time range: the most recent 30 days", filter: () => ({ from: new Date(chain.lastAt.getTime() - 30 * day) }) },
    { name: "by time range: 30 days from the middle", filter: () => ({ from: mid, to: new Date(mid.getTime() + 30 * day) }) },
    { name: "by time range: only a lower bound, early", filter: () => ({ from: at(0.01) }) },
    { name: "by time range: only an upper bound, early", filter: () => ({ to: at(0.01) }) },
    { name: "by action + time range", filter: (i) => ({ action: "run.create", from: at(0.3 + i * 0.01), to: new Date(at(0.3 + i * 0.01).getTime() + 7 * day) }) },
  ];
  const cases: Case[] = [
    { name: "first page, no filter", filter: () => ({}) },
    { name: "page deep in the trail (cursor = N/2)", filter: () => ({ cursor: Math.floor(chain.events / 2) }) },
    { name: "by action (common)", filter: (i) => ({ action: ["run.create", "policy.edit", "approval.decide"][i % 3] }) },
    { name: `by action (rare: 1 in 10,000)`, filter: () => ({ action: RARE_ACTION }) },
    { name: "by actor id (common: 1 in 200)", filter: (i) => ({ actor: chain.actorIds[(i * 37) % chain.actorIds.length] }) },
    { name: "by actor e-mail (common)", filter: (i) => ({ actor: `user${(i * 37) % chain.actorIds.length + 1}@bench.test` }) },
    { name: "by actor id (rare: 1 in 100,000)", filter: () => ({ actor: RARE_ACTOR.id }) },
    { name: "by actor e-mail (rare)", filter: () => ({ actor: RARE_ACTOR.label }) },
    ...timeCases,
  ];
  // As an auditor reads it: the operation context of the auditor's scope in the bench tenant.
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: chain.tenantId }, select: { id: true, slug: true, name: true, status: true } });
  const user = await db.user.create({ data: { email: `bench-list-auditor-${Date.now()}@bench.test`, name: "Bench auditor" }, select: { id: true } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, roles: ["auditor"] } });
  const ctx = readContext(scopeFor((await loadUserActor(user.id))!, tenant, await loadPolicySets(db, tenant.id))!);
  let worst = 0;
  for (const c of cases) {
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const filter: AuditFilter = ZAuditFilter.parse(c.filter(i));
      const t0 = performance.now();
      const page = await listAuditEvents(ctx, filter);
      samples.push(performance.now() - t0);
      rows = page.events.length;
    }
    const s = summarise(samples);
    worst = Math.max(worst, s.p95);
    console.log(`  ${c.name.padEnd(46)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  (${rows} rows)`);
  }
  figure("(d) listAuditEvents p95, worst case", worst, "ms");
  console.log(`  ${target(worst < 100, "p95 < 100 ms for every case")}`);
}
