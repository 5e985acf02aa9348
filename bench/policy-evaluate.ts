// Figure (e): one policy decision against an effective set of 500 rules spread over every level,
// as the policy-as-data issue asks: p50/p99 per decision and decisions per second on one core.
// The team, repository, campaign and task documents name their target, and each input is inside
// each of those targets half of the time, so the figure includes filtering rules by target.
// Baseline: the same compiled CEL conditions evaluate() runs for each input (recorded once, in its
// order), called directly on the input converted to CEL values, as evaluate converts it: no input
// validation, rule selection or decision. Timed call by call alternately with evaluate(), and
// for throughput in alternating chunks of 1,000 inputs.
import { performance } from "node:perf_hooks";
import { compilePolicySet, toCelInput, type CompiledPolicySet, type Condition, type PolicySource } from "../server/policy/compile";
import { isTargeted, LEVELS, TARGETED_LEVELS, type Rule } from "../server/policy/document-schema";
import { evaluate } from "../server/policy/evaluate";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const ACTIONS = 50;
const RULES = 500;
const TIERS = ["low", "standard", "high", "regulated", "critical"];

/** Conditions of the shapes real documents use; the index varies the text so each plans separately. */
function condition(i: number): string | undefined {
  switch (i % 5) {
    case 0: return undefined;
    case 1: return `input.resource.riskTier in ['regulated', 'critical'] && input.context.n > ${i}`;
    case 2: return `input.context.n > ${i % 97} && input.subject.roles.exists(r, r == 'role-${i % 7}')`;
    case 3: return `input.resource.path.matchesAnyGlob(['infra/prod/**', 'svc-${i}/**'])`;
    default: return `input.context.changeClass == 'class-${i % 11}' || input.context.n >= ${1000 + i}`;
  }
}

const targetOf = (level: string) => `${level}-3`;

/** One pseudo-random bit per input and level: unrelated to the action i selects, and across levels. */
const coin = (i: number, li: number) => (Math.imul(Math.imul(i + 1, 0x9e3779b1) ^ (li + 1) * 0x85ebca6b, 0xc2b2ae35) >>> 16) & 1;

/** Where input i runs: inside each targeted level's target half of the time; else in another one or in none. */
function whereOf(i: number): Record<string, string> {
  const out: Record<string, string> = {};
  TARGETED_LEVELS.forEach((level, li) => {
    if (coin(i, li)) out[level] = targetOf(level);
    else if (i % 3) out[level] = `${level}-${4 + (i % 5)}`;
  });
  return out;
}

function policySet(): PolicySource[] {
  const perLevel = RULES / LEVELS.length;
  return LEVELS.map((level, li) => {
    const rules: Rule[] = [];
    for (let k = 0; rules.length < Math.round(perLevel * (li + 1)) - Math.round(perLevel * li); k++) {
      const i = li * 1000 + k;
      const action = `bench.action${(k * 7 + li) % ACTIONS}`;
      // The platform allows every action; lower levels only restrict, as check-widening demands.
      const effect = li === 0 && k < ACTIONS ? "allow" : k % 3 === 0 ? "require_approval" : "deny";
      const when = li === 0 && k < ACTIONS ? undefined : (condition(i) ?? `input.context.n == ${i}`);
      rules.push({ id: `r${i}`, match: { actions: [li === 0 && k < ACTIONS ? `bench.action${k}` : action] }, effect, reason: `rule ${i}`, ...(when ? { when } : {}) });
    }
    const target = isTargeted(level) ? { target: targetOf(level) } : {};
    return { document: { apiVersion: "fleetgate/v1", kind: "Policy", metadata: { name: `bench-${level}`, level, ...target }, rules } };
  });
}

function inputs(): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < 997; i++) {
    out.push({
      action: `bench.action${i % ACTIONS}`,
      resource: { kind: "repository", riskTier: TIERS[i % TIERS.length], path: i % 4 ? `src/f${i}.ts` : "infra/prod/main.tf" },
      subject: { id: `u${i % 13}`, roles: [`role-${i % 7}`] },
      context: { n: i % 120, changeClass: `class-${i % 11}`, ...whereOf(i) },
    });
  }
  return out;
}

/** The conditions evaluate() calls for each input, in its order: recorded by wrapping every rule's condition for one call. */
function conditionsCalled(set: CompiledPolicySet, mix: unknown[]): Condition[][] {
  const rules = set.rules.filter((r) => r.condition);
  const originals = rules.map((r) => r.condition!);
  let calls: Condition[] = [];
  rules.forEach((r, i) => { r.condition = (input) => { calls.push(originals[i]!); return originals[i]!(input); }; });
  try {
    return mix.map((input) => {
      calls = [];
      evaluate(set, input);
      return calls;
    });
  } finally {
    rules.forEach((r, i) => { r.condition = originals[i]!; });
  }
}

/** The baseline's unit of work: input i's conditions, called directly. */
function direct(conditions: Condition[], input: unknown): void {
  const cel = toCelInput(input);
  for (const c of conditions) c(cel);
}

export function benchPolicyEvaluate(total = 200_000): void {
  heading("(e) policy evaluate(): 500 rules across all levels, lower levels targeted");
  const t0 = performance.now();
  const sources = policySet();
  const set = compilePolicySet(sources);
  const compileMs = performance.now() - t0;
  const mix = inputs();
  const counts: Record<string, number> = { allow: 0, deny: 0, require_approval: 0 };
  const called = conditionsCalled(set, mix);
  for (let i = 0; i < 50_000; i++) { // warm the JIT
    evaluate(set, mix[i % mix.length]);
    direct(called[i % mix.length]!, mix[i % mix.length]);
  }

  const samples = new Array<number>(total);
  const bare = new Array<number>(total);
  for (let i = 0; i < total; i++) {
    const input = mix[i % mix.length];
    const s = performance.now();
    const d = evaluate(set, input);
    const m = performance.now();
    direct(called[i % mix.length]!, input);
    bare[i] = performance.now() - m;
    samples[i] = m - s;
    counts[d.decision]!++;
  }
  const stats = summarise(samples);
  const bareStats = summarise(bare);

  // Throughput without the timer around each call, the two alternating in chunks of 1,000 inputs.
  let [evaluateMs, directMs] = [0, 0];
  for (let from = 0; from < total; from += 1_000) {
    const t1 = performance.now();
    for (let i = from; i < from + 1_000; i++) evaluate(set, mix[i % mix.length]);
    const t2 = performance.now();
    for (let i = from; i < from + 1_000; i++) direct(called[i % mix.length]!, mix[i % mix.length]);
    evaluateMs += t2 - t1;
    directMs += performance.now() - t2;
  }
  const [rate, bareRate] = [total / (evaluateMs / 1000), total / (directMs / 1000)];
  const perInput = called.reduce((n, c) => n + c.length, 0) / called.length;

  const rules = set.rules.length;
  const perAction = Math.round(rules / ACTIONS);
  const inTarget = TARGETED_LEVELS.map((level) => {
    const n = mix.filter((x) => (x as { context: Record<string, unknown> }).context[level] === targetOf(level)).length;
    return `${level} ${fmt((n / mix.length) * 100)}%`;
  });
  console.log(`  ${fmt(rules)} rules in ${sources.length} documents, ~${perAction} per action; compiled in ${ms(compileMs)}`);
  console.log(`  lower levels targeted; inputs inside the target: ${inTarget.join(", ")}`);
  console.log(`  n=${fmt(total)}  p50 ${ms(stats.p50)}  p99 ${ms(stats.p99)}  max ${ms(stats.max)}  ${fmt(rate)} decisions/s`);
  console.log(`  decisions: ${fmt(counts.allow!)} allow, ${fmt(counts.require_approval!)} require_approval, ${fmt(counts.deny!)} deny`);
  console.log(`  its CEL conditions called directly (${fmt(perInput, 1)} per input): p50 ${ms(bareStats.p50)}  p99 ${ms(bareStats.p99)}  max ${ms(bareStats.max)}  ${fmt(bareRate)} inputs/s`);
  const is = "the same compiled CEL conditions called directly";
  figure("(e) policy evaluate() p99", stats.p99, "ms", { value: bareStats.p99, is });
  figure("(e) policy evaluate() throughput", rate, "decisions/s", { value: bareRate, is });
  console.log(`  ${target(stats.p99 < 0.5, "p99 < 0.5 ms")}, ${target(rate >= 50_000, ">= 50,000 decisions/s")}`);
}
