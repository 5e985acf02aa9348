// Figure (h): the inbox of an approver who belongs to three tenants, with 10,000 pending requests
// they may decide across them. Around those: requests they may not decide (another role's), that
// they raised or already voted on, that expired without the reconciler having run yet, decided
// ones, and other tenants' traffic. Timed: the inbox condition over all their memberships
// (inboxWhere, as listApprovals builds it), first page of 50 most urgent first, and its count.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { inboxWhere, type Eligibility } from "../server/approvals/list-approvals";
import { db } from "../server/db/client";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const RUNS = 40;
const PAGE = 50;
const HOUR = 3_600_000;

type Row = {
  id: string; tenantId: string; kind: string; subjectId: string; pendingKey: string | null; eligibleRoles: string[]; eligibleTeams: string[];
  requesterId: string | null; state: string; createdAt: string; expiresAt: string; decidedAt: string | null;
};

const RULE = JSON.stringify({ kind: "tool_call", alternatives: [[{ approvals: 1, from: { roles: ["approver", "tenant_admin"] } }]], denials: 1, reason: { approve: "optional", deny: "required" }, expiresInMs: HOUR, sources: ["platform-approvals/tool_call"] });

const INSERT = `INSERT INTO "ApprovalRequest" (id, "tenantId", kind, "subjectType", "subjectId", action, "pendingKey", title, proposal, risk, rule,
    "eligibleRoles", "eligibleTeams", "requesterId", "requesterLabel", state, "createdAt", "expiresAt", "decidedAt")
  SELECT x.id, x."tenantId", x.kind, 'run', x."subjectId", 'tool.shell', x."pendingKey", 'Run a shell command', '{"command":"make test"}'::jsonb, 'high', $2::jsonb,
    x."eligibleRoles", x."eligibleTeams", x."requesterId", 'bench', x.state::"ApprovalState", x."createdAt"::timestamptz, x."expiresAt"::timestamptz, x."decidedAt"::timestamptz
  FROM json_to_recordset($1::json) AS x(id text, "tenantId" text, kind text, "subjectId" text, "pendingKey" text, "eligibleRoles" text[], "eligibleTeams" text[],
    "requesterId" text, state text, "createdAt" text, "expiresAt" text, "decidedAt" text)`;

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

export async function benchApprovalInbox(databaseUrl: string, inbox = 10_000): Promise<void> {
  heading(`(h) approver's inbox across 3 tenants with ${fmt(inbox)} requests they may decide: ${RUNS} runs, first page of ${PAGE} + count`);
  const next = random(20_261_121);
  const now = Date.now();
  const tenants = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((i) => db.tenant.create({ data: { slug: `bench-inbox-${i}`, name: `Bench inbox ${i}` }, select: { id: true } })));
  const [mine, noise] = [tenants.slice(0, 3), tenants.slice(3)];
  const me = await db.user.create({ data: { email: "inbox-approver@bench.test", name: "Inbox approver" }, select: { id: true } });
  const other = await db.user.create({ data: { email: "inbox-requester@bench.test", name: "Requester" }, select: { id: true } });
  const memberships = [["approver"], ["approver"], ["tenant_admin", "auditor"]];
  await db.membership.createMany({ data: mine.map((t, i) => ({ tenantId: t.id, userId: me.id, roles: memberships[i]! })) });
  const security = await db.team.create({ data: { tenantId: mine[1]!.id, slug: "security", name: "Security" } });
  await db.teamMember.create({ data: { tenantId: mine[1]!.id, teamId: security.id, userId: me.id } });

  let n = 0;
  const rows: Row[] = [];
  const votedOn: { requestId: string; tenantId: string }[] = [];
  const add = (tenantId: string, o: Partial<Row> & { inHours?: number }) => {
    const id = `bench-ar-${(n++).toString(36).padStart(7, "0")}`;
    const created = now - next() * 48 * HOUR;
    const state = o.state ?? "pending";
    rows.push({
      id, tenantId, kind: "tool_call", subjectId: id, pendingKey: state === "pending" ? `run:${id}:tool.shell` : null,
      eligibleRoles: ["approver", "tenant_admin"], eligibleTeams: [], requesterId: other.id, state,
      createdAt: new Date(created).toISOString(), expiresAt: new Date(now + (o.inHours ?? 0.1 + next() * 7 * 24) * HOUR).toISOString(),
      decidedAt: state === "pending" ? null : new Date(created + HOUR / 2).toISOString(), ...o,
    });
    return id;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  // What the inbox must find: by role in each tenant, and by team in the second.
  for (let i = 0; i < inbox; i++) {
    const t = i % 3;
    if (t === 1 && i % 7 === 0) add(mine[1]!.id, { eligibleRoles: ["policy_admin"], eligibleTeams: ["security"] });
    else add(mine[t]!.id, { eligibleRoles: t === 2 ? pick([["approver", "tenant_admin"], ["tenant_admin"]]) : pick([["approver", "tenant_admin"], ["approver"]]) });
  }
  // What it must leave out, in the same tenants.
  for (let i = 0; i < 5_000; i++) add(pick(mine).id, { eligibleRoles: ["policy_admin", "platform_admin"] });
  for (let i = 0; i < 200; i++) add(pick(mine).id, { requesterId: me.id });
  for (let i = 0; i < 300; i++) { const t = pick(mine).id; votedOn.push({ requestId: add(t, { eligibleRoles: ["approver", "tenant_admin"] }), tenantId: t }); }
  for (let i = 0; i < 500; i++) add(pick(mine).id, { inHours: -next() * 24 });
  for (let i = 0; i < 30_000; i++) add(pick(mine).id, { state: pick(["approved", "denied", "expired", "cancelled"]) });
  // Other tenants' traffic, some of it for roles the approver holds elsewhere.
  for (let i = 0; i < 50_000; i++) add(pick(noise).id, { state: next() < 0.4 ? "pending" : pick(["approved", "denied", "expired"]) });

  const t0 = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let i = 0; i < rows.length; i += 5_000) await client.query(INSERT, [JSON.stringify(rows.slice(i, i + 5_000)), RULE]);
    await client.query(`INSERT INTO "ApprovalVote" (id, "tenantId", "requestId", "voterId", "voterLabel", vote, roles, teams)
      SELECT 'bench-av-' || x."requestId", x."tenantId", x."requestId", $2, 'inbox-approver@bench.test', 'deny', '{approver}', '{}'
      FROM json_to_recordset($1::json) AS x("requestId" text, "tenantId" text)`, [JSON.stringify(votedOn), me.id]);
    await client.query(`ANALYZE "ApprovalRequest"; ANALYZE "ApprovalVote"`);
  } finally {
    await client.end();
  }
  console.log(`  inserted ${fmt(rows.length)} requests (${fmt(inbox)} for the approver; ${fmt(rows.length - inbox)} others) and ${fmt(votedOn.length)} of their votes in ${ms(performance.now() - t0)}`);

  const teams = await db.teamMember.findMany({ where: { userId: me.id }, select: { tenantId: true, team: { select: { slug: true } } } });
  const e: Eligibility = {
    userId: me.id, platformAdmin: false,
    tenants: mine.map((t, i) => ({ tenantId: t.id, roles: memberships[i]!, teams: teams.filter((x) => x.tenantId === t.id).map((x) => x.team.slug) })),
  };
  const page: number[] = [];
  const count: number[] = [];
  const both: number[] = [];
  let found = 0;
  let first = "";
  for (let i = 0; i < RUNS; i++) {
    const where = inboxWhere(e, new Date());
    const a = performance.now();
    const rowsPage = await db.approvalRequest.findMany({ where, orderBy: [{ expiresAt: "asc" }, { id: "asc" }], take: PAGE + 1, include: { votes: { select: { vote: true } } } });
    const b = performance.now();
    found = await db.approvalRequest.count({ where });
    const c = performance.now();
    page.push(b - a);
    count.push(c - b);
    both.push(c - a);
    first = rowsPage[0]!.id;
  }
  if (found !== inbox) console.log(`  the inbox counted ${fmt(found)}, not ${fmt(inbox)}: the figure is off`);
  const [p, k, all] = [summarise(page), summarise(count), summarise(both)];
  console.log(`  first page of ${PAGE} (most urgent first)  p50 ${ms(p.p50).padStart(9)}  p95 ${ms(p.p95).padStart(9)}  max ${ms(p.max).padStart(9)}`);
  console.log(`  count (${fmt(found)})                  p50 ${ms(k.p50).padStart(9)}  p95 ${ms(k.p95).padStart(9)}  max ${ms(k.max).padStart(9)}`);
  console.log(`  page + count                        p50 ${ms(all.p50).padStart(9)}  p95 ${ms(all.p95).padStart(9)}  max ${ms(all.max).padStart(9)}  (first: ${first})`);
  figure("(h) approver inbox page + count p95", all.p95, "ms");
  console.log(`  ${target(all.p95 < 100, "p95 < 100 ms for page + count")}`);
}
