// One policy decision. Most restrictive wins across every level: an explicit deny beats everything,
// no matching allow is an implicit deny, require_approval beats allow. Anything that keeps the engine
// from deciding (malformed input, unknown action, a condition that errors) is a deny with its cause.
import type { CelValue } from "@bufbuild/cel";
import { z } from "zod";
import { sha256, toCelInput, type CompiledPolicySet, type CompiledRule } from "./compile";
import type { Effect } from "./document-schema";
import { shellFacts, type ShellFacts } from "./shell-facts";

export const ZPolicyInput = z.strictObject({
  action: z.string().min(1),
  resource: z.looseObject({ kind: z.string().min(1) }),
  subject: z.looseObject({}),
  context: z.looseObject({}),
  now: z.iso.datetime({ offset: true }).optional(),
});
export type PolicyInput = z.infer<typeof ZPolicyInput>;

export type MatchedRule = { policy: string; version: string; rule: string; effect: Effect };
export type DenyKind = "explicit" | "implicit" | "error";

export type PolicyDecision = {
  decision: Effect;
  matchedRules: MatchedRule[];
  /** The rule that decided, absent for implicit denies and errors. */
  decidingRule?: MatchedRule;
  denyKind?: DenyKind;
  explanation: string;
  effectivePolicyHash: string;
};

const NO_POLICY = sha256("");
const hashes = new WeakMap<CompiledPolicySet, Map<string, string>>();

/** sha256 over the hashes of the documents that had rules for the action, in level order. */
function effectiveHash(set: CompiledPolicySet, rules: readonly CompiledRule[]): string {
  let byKey = hashes.get(set);
  if (!byKey) hashes.set(set, (byKey = new Map()));
  const names: string[] = [];
  for (const r of rules) if (names.at(-1) !== r.policy && !names.includes(r.policy)) names.push(r.policy);
  const key = names.join("\n");
  let h = byKey.get(key);
  if (!h) {
    const docs = set.documents.filter((d) => names.includes(d.document.metadata.name)).map((d) => d.hash);
    h = docs.length ? sha256(docs.join("\n")) : NO_POLICY;
    byKey.set(key, h);
  }
  return h;
}

const targeted = new WeakMap<readonly CompiledRule[], boolean>();

/** Rules of team, repository, campaign and task documents apply only where the input says it is. */
function applicable(rules: readonly CompiledRule[], input: PolicyInput): readonly CompiledRule[] {
  let any = targeted.get(rules);
  if (any === undefined) targeted.set(rules, (any = rules.some((r) => r.target)));
  if (!any) return rules;
  return rules.filter((r) => !r.target || input.context[r.target.attr] === r.target.value);
}

const matched = (r: CompiledRule): MatchedRule => ({ policy: r.policy, version: r.version, rule: r.id, effect: r.effect });

function failClosed(cause: string, matchedRules: MatchedRule[], hash: string): PolicyDecision {
  return { decision: "deny", matchedRules, denyKind: "error", explanation: `deny (fail closed): ${cause}`, effectivePolicyHash: hash };
}

/**
 * Tool calls carry their command line; rules decide on its facts (shell-facts.ts), derived here.
 * Facts a caller supplies alongside a command are replaced, never trusted. verifierCommand says the
 * line is, whitespace aside, one of context.verifierCommands (the run's verifier profile, which the
 * run executes itself).
 */
export function derivedShellFacts(context: Record<string, unknown>): (ShellFacts & { verifierCommand: boolean }) | undefined {
  const command = context.command;
  if (typeof command !== "string") return undefined;
  const verifiers = context.verifierCommands;
  const line = normalise(command);
  const verifierCommand = Array.isArray(verifiers) && verifiers.some((v) => typeof v === "string" && normalise(v) === line);
  return { ...shellFacts(command), verifierCommand };
}

function withDerivedFacts(input: PolicyInput): PolicyInput {
  const shell = derivedShellFacts(input.context);
  return shell ? { ...input, context: { ...input.context, shell } } : input;
}

const normalise = (line: string) => line.trim().replace(/\s+/g, " ");

export function evaluate(set: CompiledPolicySet, raw: unknown): PolicyDecision {
  const parsed = ZPolicyInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return failClosed(`malformed input: ${issue.path.join(".") || "(root)"}: ${issue.message}`, [], NO_POLICY);
  }
  const input = withDerivedFacts(parsed.data);
  if (!set.knownActions.has(input.action)) return failClosed(`unknown action "${input.action}"`, [], NO_POLICY);

  const candidates = applicable(set.byAction.get(input.action) ?? set.byAction.get("*") ?? [], input);
  const hash = effectiveHash(set, candidates);
  const matchedRules: MatchedRule[] = [];
  let deny: CompiledRule | undefined;
  let approval: CompiledRule | undefined;
  let allow: CompiledRule | undefined;
  const kind = input.resource.kind;
  let celInput: CelValue | undefined;
  for (const r of candidates) {
    if (r.resources && !r.resources.has(kind)) continue;
    if (r.condition) {
      const v = r.condition((celInput ??= toCelInput(input)));
      if (v !== true) {
        if (v === false) continue;
        return failClosed(`rule ${r.policy}/${r.id}: condition failed: ${v.message}`, matchedRules, hash);
      }
    }
    matchedRules.push(matched(r));
    if (r.effect === "deny") deny ??= r;
    else if (r.effect === "require_approval") approval ??= r;
    else allow ??= r;
  }

  if (deny) return decided("deny", deny, matchedRules, hash, `deny (explicit): ${where(deny)}: ${deny.reason}`, "explicit");
  if (!allow) {
    const why = approval ? ` (${where(approval)} would require approval, but no rule allows it)` : "";
    return {
      decision: "deny", matchedRules, denyKind: "implicit", effectivePolicyHash: hash,
      explanation: `deny (implicit): no rule allows ${input.action} on ${kind}${why}`,
    };
  }
  if (approval) return decided("require_approval", approval, matchedRules, hash, `require_approval: ${where(approval)}: ${approval.reason}`);
  return decided("allow", allow, matchedRules, hash, `allow: ${where(allow)}: ${allow.reason}`);
}

const where = (r: CompiledRule) => `${r.level} policy ${r.policy} rule ${r.id}`;

/**
 * The explanation without its verdict ("tenant policy p rule r: reason", "no rule allows ..."), for a
 * message that states the verdict itself ("needs approval: ...", "the policy denies this run: ...").
 */
export const explanationCause = (d: Pick<PolicyDecision, "explanation">) => d.explanation.replace(/^(?:allow|require_approval|deny \([a-z ]+\)): /, "");

function decided(decision: Effect, rule: CompiledRule, matchedRules: MatchedRule[], hash: string, explanation: string, denyKind?: DenyKind): PolicyDecision {
  return { decision, matchedRules, decidingRule: matched(rule), explanation, effectivePolicyHash: hash, ...(denyKind ? { denyKind } : {}) };
}
