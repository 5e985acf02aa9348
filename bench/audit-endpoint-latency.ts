// Figure (d) through the whole endpoint: GET /api/v1/tenants/{tenant}/audit/events as the route
// handler runs it (API-token authentication, tenant scope, permission, query parsing, the query,
// JSON), called in-process so the figure is the server's share without a network hop.
import { performance } from "node:perf_hooks";
import { GET } from "../app/api/v1/tenants/[tenant]/audit/events/route";
import { generateToken } from "../server/auth/api-token";
import { db } from "../server/db/client";
import { RARE_ACTOR, type LargeChain } from "./load-large-chain";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const RUNS = 40;

export async function benchAuditEndpoint(chain: LargeChain): Promise<void> {
  heading(`(d, endpoint) GET /api/v1/tenants/{tenant}/audit/events over ${fmt(chain.events)} events: ${RUNS} runs each`);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: chain.tenantId }, select: { slug: true } });
  const user = await db.user.create({ data: { email: `bench-auditor-${Date.now()}@bench.test`, name: "Bench auditor" } });
  await db.membership.create({ data: { tenantId: chain.tenantId, userId: user.id, roles: ["auditor"] } });
  const t = generateToken();
  await db.apiToken.create({ data: { tenantId: chain.tenantId, name: "bench", prefix: t.prefix, tokenHash: t.hash, roles: ["auditor"], createdById: user.id } });
  const mid = new Date((chain.firstAt.getTime() + chain.lastAt.getTime()) / 2);
  const cases: [string, string][] = [
    ["first page", ""],
    ["filtered: action", "action=policy.edit"],
    ["filtered: rare actor", `actor=${encodeURIComponent(RARE_ACTOR.label)}`],
    ["filtered: one day mid-trail", `from=${mid.toISOString()}&to=${new Date(mid.getTime() + 86_400_000).toISOString()}`],
  ];
  let worst = 0;
  for (const [name, query] of cases) {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const req = new Request(`http://bench.local/api/v1/tenants/${tenant.slug}/audit/events?${query}`, { headers: { authorization: `Bearer ${t.token}` } });
      const t0 = performance.now();
      const res = await GET(req, { params: Promise.resolve({ tenant: tenant.slug }) });
      await res.text();
      samples.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${name}: status ${res.status}`);
    }
    const s = summarise(samples);
    worst = Math.max(worst, s.p95);
    console.log(`  ${name.padEnd(32)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}`);
  }
  figure("(d) audit events endpoint p95, worst case", worst, "ms");
  console.log(`  ${target(worst < 100, "p95 < 100 ms for the first page and filtered pages")}`);
}
