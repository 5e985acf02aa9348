// Try an input: the decision the console, the run pipeline and the tool gateway would reach for it,
// layer by layer, with the layer that decided named. Used by the evaluate API, the editor's preview,
// policy test suites and the tool gateway itself, so a tried input cannot decide differently.
//   rbac      a console action (a permission of server/authz/permissions.ts) is granted by the
//             subject's roles exactly as authorize() grants it (decideAccess); an unknown role grants
//             nothing. A token subject ({ kind: token, roles }) holds its roles' permissions, and its
//             policy input carries no roles, as authorize() gives it.
//   policy    the rules (evaluate).
//   boundary  the effective governance at the input's place (context.team, context.repository, ...).
//             tool.file_write: the path against the forbidden paths (context.changeClass and
//             context.startApproved decide an exemption; without them none applies). run.create: the
//             autonomy (context.autonomyLevel, when given) within the maximum, the class allowed and not one whose paths stay forbidden,
//             and context.changed_files (paths, or { path, added, removed }) against the boundary the
//             run checks after its agent. A start the policy sends for approval counts as approved.
//             context.allowedPaths (a follow-up run's scope, a list of paths): for both, a file outside
//             it is refused; without it, no such limit.
import { z } from "zod";
import { decideAccess, type Layer, type LayeredDecision } from "../authz/decide-access";
import { isPermission, permissionsOfRoles } from "../authz/permissions";
import { isTenantRole, type Role } from "../authz/roles";
import { boundaryReport, classRefusals, describeTouch, forbiddenTouch, outsideAllowedPaths, type BoundaryRun } from "./boundary-report";
import { sha256, type CompiledPolicySet } from "./compile";
import { AUTONOMY_LEVELS } from "./document-schema";
import { effectiveGovernance, type EffectiveGovernance, type Place } from "./effective-governance";
import { evaluate, ZPolicyInput, type PolicyDecision, type PolicyInput } from "./evaluate";

export type { Layer };
export type TriedDecision = LayeredDecision & { boundary?: { violations: string[] } };

const ZRoles = z.array(z.string()).optional();
const ZChangedFiles = z
  .array(z.union([z.string().min(1), z.strictObject({ path: z.string().min(1), added: z.int().nonnegative().default(0), removed: z.int().nonnegative().default(0) })]))
  .max(100_000)
  .optional();
const ZAllowedPaths = z.array(z.string().min(1)).max(100_000).optional();
const PLACE_KEYS = ["team", "repository", "campaign", "task"] as const;

const failClosed = (layer: Layer, cause: string, d?: TriedDecision): TriedDecision => ({
  decision: "deny", denyKind: "error", layer, matchedRules: d?.matchedRules ?? [], effectivePolicyHash: d?.effectivePolicyHash ?? sha256(""),
  explanation: `deny (fail closed): ${cause}`,
});

export function decideInput(set: CompiledPolicySet, raw: unknown): TriedDecision {
  const parsed = ZPolicyInput.safeParse(raw);
  if (!parsed.success) return { ...evaluate(set, raw), layer: "policy" };
  const input = parsed.data;
  const decided = isPermission(input.action) ? asConsole(set, input) : { ...evaluate(set, input), layer: "policy" as const };
  return decided.decision === "deny" ? decided : withBoundary(set, input, decided);
}

/**
 * A recorded decision decided again (blast radius, demo traffic): authorize() records a console action
 * only once RBAC granted it, so the rules alone decide it again; the tool gateway's records are decided
 * as the gateway decided them, boundary included.
 */
export function decideAsRecorded(set: CompiledPolicySet, input: unknown, action: string): PolicyDecision {
  return isPermission(action) ? evaluate(set, input) : decideInput(set, input);
}

function asConsole(set: CompiledPolicySet, input: PolicyInput & { action: string }): TriedDecision {
  const roles = ZRoles.safeParse(input.subject.roles);
  if (!roles.success) return failClosed("rbac", "malformed input: subject.roles: a list of role names");
  const named = roles.data ?? [];
  const token = input.subject.kind === "token";
  // platform_admin is a person's flag, never a token's role (authenticate.ts keeps only tenant roles).
  const known = named.filter((r): r is Role => isTenantRole(r) || (!token && r === "platform_admin"));
  const unknown = named.filter((r) => !known.includes(r as Role));
  const held = known.length ? `roles ${known.join(", ")}` : "no role";
  const holder = `${token ? `is an API token with ${held}` : `holds ${held}`}${unknown.length ? ` (unknown, granting nothing: ${unknown.join(", ")})` : ""}`;
  // authorize() gives the policy a token's subject without roles: the token's roles grant, they do not describe a person.
  const subject = { ...input.subject, roles: token ? [] : known };
  return decideAccess(set, permissionsOfRoles(known), { ...input, action: input.action as never, subject }, holder);
}

function withBoundary(set: CompiledPolicySet, input: PolicyInput, d: TriedDecision): TriedDecision {
  if (input.action !== "run.create" && input.action !== "tool.file_write") return d;
  const ctx = input.context;
  const place: Place = {};
  for (const k of PLACE_KEYS) if (typeof ctx[k] === "string") place[k] = ctx[k];
  const g = effectiveGovernance(set, place);
  const allowed = ZAllowedPaths.safeParse(ctx.allowedPaths);
  if (!allowed.success) return failClosed("boundary", `malformed input: context.allowedPaths: ${allowed.error.issues[0]!.message} (a list of paths)`, d);
  const run: BoundaryRun = {
    // Without a class no exemption applies: the most restrictive reading.
    changeClass: typeof ctx.changeClass === "string" ? ctx.changeClass : "",
    approved: input.action === "run.create" ? d.decision === "require_approval" : ctx.startApproved === true,
    allowedPaths: allowed.data ?? null,
  };
  let violations: string[];
  if (input.action === "tool.file_write") {
    if (typeof input.resource.path !== "string") return failClosed("boundary", "resource.path is needed to check the boundary", d);
    const touch = forbiddenTouch(g, input.resource.path, run);
    const outside = outsideAllowedPaths(input.resource.path, run);
    violations = [...(touch ? [describeTouch(touch)] : []), ...(outside ? [outside] : [])];
  } else {
    const files = ZChangedFiles.safeParse(ctx.changed_files);
    if (!files.success) {
      const issue = files.error.issues[0]!;
      return failClosed("boundary", `malformed input: context.changed_files${issue.path.length ? `.${issue.path.join(".")}` : ""}: ${issue.message}`, d);
    }
    const changed = (files.data ?? []).map((f) => (typeof f === "string" ? { path: f, added: 0, removed: 0 } : f));
    violations = [...autonomyViolations(g, ctx.autonomyLevel), ...classRefusals(g, run), ...boundaryReport(changed, g, run).violations];
  }
  if (violations.length) {
    return {
      decision: "deny", denyKind: "explicit", layer: "boundary", matchedRules: d.matchedRules, effectivePolicyHash: d.effectivePolicyHash,
      explanation: `deny (boundary): ${violations.join("; ")}`, boundary: { violations },
    };
  }
  return { ...d, boundary: { violations } };
}

/** The autonomy asked for, when the input says it, within the maximum here: admit-run.ts refuses the same before it asks the policy. */
function autonomyViolations(g: EffectiveGovernance, asked: unknown): string[] {
  if (asked === undefined) return [];
  const i = AUTONOMY_LEVELS.indexOf(asked as (typeof AUTONOMY_LEVELS)[number]);
  if (i < 0) return [`context.autonomyLevel must be one of ${AUTONOMY_LEVELS.join(", ")}`];
  return i > AUTONOMY_LEVELS.indexOf(g.autonomyMax) ? [`autonomy ${String(asked)} is above the maximum here (${g.autonomyMax}, from ${g.sources.join(", ")})`] : [];
}
