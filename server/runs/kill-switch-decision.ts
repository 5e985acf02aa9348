// A tool call a kill switch refuses is decided by the switch, not by a rule, and is kept like any
// other decision: its input, deny, and which switch (DecisionRecord.killSwitchId). The effective
// policy hash is the one the call would have been decided under; no rule matched, none decided.
import { describeSwitch, type CoveringSwitch } from "../kill-switches/covering-switches";
import type { CompiledPolicySet } from "../policy/compile";
import { evaluate } from "../policy/evaluate";
import type { DecisionToRecord } from "../policy/record-decision";

export function killSwitchDecision(policy: CompiledPolicySet, input: DecisionToRecord["input"], s: CoveringSwitch, subjectId: string): DecisionToRecord {
  return {
    input, source: "tool", subjectId, killSwitchId: s.id,
    decision: { decision: "deny", denyKind: "explicit", matchedRules: [], explanation: `refused by ${describeSwitch(s)}`, effectivePolicyHash: evaluate(policy, input).effectivePolicyHash },
  };
}
