// The blast radius of a draft policy set: recorded decisions are decided again by the draft and
// compared with what was decided when they happened. A change is a different decision; the same
// decision reached through another rule is not one (the caller sees it through reachedRules).
// Stored inputs are replayed as they are: one the engine cannot read any more fails closed, as it
// would at runtime, and so shows up as a change to deny. Each is decided as its source decided it
// (decideAsRecorded: the rules for console actions, rules and boundary for tool calls).
import type { CompiledPolicySet } from "./compile";
import { decideAsRecorded } from "./decide-input";

/** A stored decision as the replay needs it (see loadReplayRecords). */
export type ReplayRecord = {
  id: string;
  createdAt: string;
  action: string;
  /** The decision input as stored, already redacted. */
  input: unknown;
  decision: string;
  /** "policy/rule", null when no rule decided (implicit deny, error). */
  decidingRule: string | null;
};

export type ReplaySample = {
  recordId: string;
  createdAt: string;
  action: string;
  input: unknown;
  old: { decision: string; rule: string | null };
  new: { decision: string; rule: string | null; explanation: string };
};

export type BlastRadiusKind = { kind: string; from: string; to: string; count: number; samples: ReplaySample[] };

export type BlastRadius = {
  replayed: number;
  changed: number;
  /** One entry per "old->new" pair that occurred, most frequent first. */
  byKind: BlastRadiusKind[];
  /** "policy/rule" of every rule that matched in any replayed decision, sorted: the draft's coverage. */
  reachedRules: string[];
};

export const DEFAULT_SAMPLES_PER_KIND = 5;

export function replayDecisions(
  set: CompiledPolicySet,
  records: readonly ReplayRecord[],
  opts: { samplesPerKind?: number } = {},
): BlastRadius {
  const cap = Math.max(0, opts.samplesPerKind ?? DEFAULT_SAMPLES_PER_KIND);
  // old decision -> new decision -> kind: no key string is built for the (usual) unchanged record.
  const kinds = new Map<string, Map<string, BlastRadiusKind>>();
  // policy -> rule ids; matched rules are joined into "policy/rule" once, at the end.
  const reached = new Map<string, Set<string>>();
  let changed = 0;

  for (const r of records) {
    const d = decideAsRecorded(set, r.input, r.action);
    for (const m of d.matchedRules) {
      let ids = reached.get(m.policy);
      if (!ids) reached.set(m.policy, (ids = new Set()));
      ids.add(m.rule);
    }
    if (d.decision === r.decision) continue;

    changed++;
    let byNew = kinds.get(r.decision);
    if (!byNew) kinds.set(r.decision, (byNew = new Map()));
    let k = byNew.get(d.decision);
    if (!k) byNew.set(d.decision, (k = { kind: `${r.decision}->${d.decision}`, from: r.decision, to: d.decision, count: 0, samples: [] }));
    k.count++;
    if (k.samples.length < cap) {
      k.samples.push({
        recordId: r.id, createdAt: r.createdAt, action: r.action, input: r.input,
        old: { decision: r.decision, rule: r.decidingRule },
        new: { decision: d.decision, rule: d.decidingRule ? `${d.decidingRule.policy}/${d.decidingRule.rule}` : null, explanation: d.explanation },
      });
    }
  }

  const byKind = [...kinds.values()].flatMap((m) => [...m.values()]).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  const reachedRules = [...reached].flatMap(([policy, ids]) => [...ids].map((id) => `${policy}/${id}`)).sort();
  return { replayed: records.length, changed, byKind, reachedRules };
}
