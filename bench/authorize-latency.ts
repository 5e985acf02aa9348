// Figure (a): the cost of one authorize() decision, mixing RBAC-only actions with actions that
// carry attribute rules, each decision timed on its own.
import { performance } from "node:perf_hooks";
import { authorize } from "../server/authz/authorize";
import { scopeFor, type Actor, type Scope, type TenantRef } from "../server/authz/scope";
import { defaultPolicySets } from "../server/test/policy-sets";
import type { TenantRole } from "../server/authz/roles";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const TENANT: TenantRef = { id: "t-bench", slug: "bench", name: "Bench", status: "active" };

function scope(roles: TenantRole[], id: string): Scope {
  const actor: Actor = { kind: "user", id, email: `${id}@bench.test`, name: id, platformAdmin: false,
    memberships: [{ tenantId: TENANT.id, tenantSlug: "bench", tenantName: "Bench", tenantStatus: "active", roles }] };
  return scopeFor(actor, TENANT, defaultPolicySets())!;
}

type Call = { kind: "rbac" | "rules"; run: () => unknown };

function calls(): Call[] {
  const owner = scope(["campaign_owner"], "u-owner");
  const operator = scope(["operator"], "u-op");
  const viewer = scope(["viewer"], "u-view");
  const admin = scope(["tenant_admin"], "u-admin");
  const tiers = ["low", "standard", "high", "regulated", "critical"];
  const autonomy = ["analysis_only", "draft_pr", "supervised_pr", "auto_merge"];
  const out: Call[] = [
    { kind: "rbac", run: () => authorize(viewer, "run.read") },
    { kind: "rbac", run: () => authorize(viewer, "campaign.create") },
    { kind: "rbac", run: () => authorize(admin, "member.manage") },
    { kind: "rbac", run: () => authorize(operator, "audit.read") },
    { kind: "rbac", run: () => authorize(viewer, "no.such") },
  ];
  for (let i = 0; i < 20; i++) {
    const tier = tiers[i % tiers.length]!;
    const level = autonomy[i % autonomy.length]!;
    out.push(
      { kind: "rules", run: () => authorize(owner, "campaign.create", { riskTier: tier }, { autonomyLevel: level, targetCount: i * 7, changeClass: i % 3 ? "lint_fix" : "ci_workflow_change" }) },
      { kind: "rules", run: () => authorize(operator, "run.create", { riskTier: tier }, { autonomyLevel: level }) },
      { kind: "rules", run: () => authorize(i % 2 ? operator : admin, "run.cancel", { requesterId: i % 4 ? "u-op" : "u-other" }) },
    );
  }
  return out;
}

export function benchAuthorize(total = 200_000): void {
  heading("(a) authorize(): latency per decision");
  const mix = calls();
  for (let i = 0; i < 50_000; i++) mix[i % mix.length]!.run(); // warm the JIT
  const samples: Record<Call["kind"], number[]> = { rbac: [], rules: [] };
  const started = performance.now();
  const rbac = mix.filter((c) => c.kind === "rbac");
  const rules = mix.filter((c) => c.kind === "rules");
  for (let i = 0; i < total; i++) {
    // Half and half, each half cycling through its own variety.
    const call = i % 2 ? rbac[(i >> 1) % rbac.length]! : rules[((i >> 1) * 7) % rules.length]!;
    const t0 = performance.now();
    call.run();
    samples[call.kind].push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  const all = summarise([...samples.rbac, ...samples.rules]);
  for (const kind of ["rbac", "rules"] as const) {
    const s = summarise(samples[kind]);
    console.log(`  ${kind === "rbac" ? "RBAC only      " : "attribute rules"}  n=${fmt(samples[kind].length)}  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`);
  }
  console.log(`  all              n=${fmt(total)}  p50 ${ms(all.p50)}  p99 ${ms(all.p99)}  (${fmt(total / (elapsed / 1000))} decisions/s incl. timing)`);
  figure("(a) authorize() p99", all.p99, "ms");
  console.log(`  ${target(all.p99 < 0.2, "p99 < 0.2 ms")}`);
}
