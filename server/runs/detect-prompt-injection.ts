// Prompt-injection signals: text in what a tool returned (a file, a search result, a command's
// output) that addresses the agent as if it were its instructions. Such text is data, never
// instruction (seed document §41); seeing it is recorded on the run and makes the policy ask a person
// for the run's risky calls (policies/platform/agent-instructions.yaml).
//
// The patterns are data: each has a name (recorded with the signal) and is tested against ordinary
// code and docs as well as attacks (detect-prompt-injection.test.ts). They look for the imperative
// addressed to an agent, not for words: "ignore" or "policy" alone is everywhere in code. A false
// signal costs an approval, never the run; a missed one leaves the platform policy, which no text
// can change, as it was.
import { redactText } from "../redaction/redact";

export type InjectionPattern = { name: string; description: string; re: RegExp };

// Where an imperative starts: a line, a sentence, a quote, markup or a list item (not "@ts-ignore"),
// or a softener ("please ignore").
const CLAUSE = String.raw`(?:^|[.!?:;>"'\x60(\[*#/]\s*|-\s+|\b(?:please|now|just|simply|then|so)\s+)`;
const AI = String.raw`(?:AI|A\.I\.|artificial intelligence|(?:large )?language model|LLM|AI (?:agent|assistant|model)|(?:coding|autonomous|software) agent|assistant)`;

export const INJECTION_PATTERNS: readonly InjectionPattern[] = [
  {
    name: "ignore-instructions",
    description: "an order to ignore, override or bypass the agent's instructions, prompt, policy, guardrails or approvals",
    re: new RegExp(String.raw`${CLAUSE}(?:ignore|disregard|forget|override|bypass|circumvent)\s+(?:\S+\s+){0,4}?(?:instructions?|prompts?|polic(?:y|ies)|guardrails?|directives?|safety (?:rules|guidelines|checks|measures)|approvals?)(?![\w-])`, "i"),
  },
  {
    name: "ignore-previous-rules",
    description: "an order to ignore the previous, your or the platform's rules, guidelines or context",
    re: new RegExp(String.raw`${CLAUSE}(?:ignore|disregard|forget)\s+(?:(?:all|any|of)\s+)*(?:the\s+)?(?:previous|prior|above|earlier|preceding|your|platform|system|original|fleetgate|safety|security)\s+(?:\S+\s+){0,2}?(?:rules|guidelines|restrictions|constraints|limitations|commands|context|messages|directions|orders)(?![\w-])`, "i"),
  },
  {
    name: "new-instructions",
    description: "a heading that introduces replacement instructions (\"New instructions:\")",
    re: /\b(?:new|updated|revised|real|actual|true|secret|hidden|override|additional)\s+(?:system\s+)?(?:instructions|directives|system prompt|prompt)\s*:/i,
  },
  {
    name: "role-prefix",
    description: "a line posing as a system or developer message (\"SYSTEM: you are ...\")",
    re: /^\W{0,6}\[?(?:SYSTEM|SYSTEM PROMPT|SYSTEM MESSAGE|SYSTEM OVERRIDE|SYSTEM NOTE|DEVELOPER|DEVELOPER MESSAGE)\]?\s*:\s*[A-Za-z][\w',]*(?:\s+[A-Za-z][\w',]*)+/,
  },
  {
    name: "role-prefix-addressed",
    description: "a system or developer message, in any case, that addresses the agent (\"System: ignore ...\")",
    re: /^\W{0,6}(?:system|developer)(?: prompt| message)?\s*:\s*(?:you|ignore|disregard|from now|the (?:agent|assistant|model))\b/i,
  },
  {
    name: "chat-role-tag",
    description: "a chat template's role or turn marker (<|im_start|>system, [INST], <<SYS>>, [system](#...))",
    re: /<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|begin_of_text|start_header_id|end_header_id|eot_id)\|>|\[\/?INST\]|<<\/?SYS>>|<start_of_turn>|<end_of_turn>|\[(?:system|assistant)\]\(#/,
  },
  {
    name: "you-must-now",
    description: "a new standing order to the reader (\"you must now ...\", \"from now on, you will ignore ...\", \"you are now in developer mode\")",
    re: /\byou (?:must|shall) now\b|\bfrom now on,? you (?:must|shall|will|are to) (?:ignore|disregard|obey|act|pretend|only|always|never)\b|\byou are now (?:in )?(?:developer mode|admin mode|god mode|unrestricted|jailbroken|DAN)\b/i,
  },
  {
    name: "as-an-ai-you-may",
    description: "a permission claimed for the agent (\"as an AI agent you are allowed to ...\")",
    re: new RegExp(String.raw`\bas an? ${AI}\b[^\n]{0,80}?\b(?:allowed|permitted|authori[sz]ed|instructed|required|entitled|exempt(?:ed)?|free)\s+(?:to|from)\b`, "i"),
  },
  {
    name: "permission-grant",
    description: "a claim that the agent may act without approval or around the policy",
    re: /\b(?:you|agents?|the (?:AI|agent|assistant|model))\s+(?:are|is|have been|has been)\s+(?:now\s+)?(?:allowed|permitted|authori[sz]ed|exempt(?:ed)?|cleared)\s+(?:to\s+)?(?:\S+\s+){0,3}?(?:without (?:approval|review|asking|permission|confirmation)|(?:ignore|bypass|override|disable) (?:the |all |any )?(?:polic|approval|review|sandbox|guardrail|rule|instruction))/i,
  },
  {
    name: "policy-exemption",
    description: "a claim that the policy, approvals or sandbox do not apply to the agent",
    re: /\b(?:polic(?:y|ies)|approvals?|guardrails?|sandbox(?:ing)?)\s+(?:do(?:es)?\s+not|don't|doesn't|no longer)\s+apply\s+(?:to\s+)?(?:you|agents?|the (?:AI|agent|assistant|model)|here|this (?:repo|repository))\b/i,
  },
  {
    name: "reveal-secrets",
    description: "an order to reveal the agent's prompt, instructions or secrets",
    re: /\b(?:reveal|print|output|repeat|leak|exfiltrate|upload)\s+(?:me\s+)?(?:your\s+(?:system prompt|instructions|api keys?|secrets|credentials|tokens|environment)|the system prompt)\b/i,
  },
];

/** One line that matched: where (the file for a search result), the first pattern, a short redacted excerpt. */
export type InjectionMatch = { line: number; pattern: string; excerpt: string; path?: string };

const EXCERPT = 160;
const MAX_MATCHES = 10;

/** A search result line ("path:line: text") names its own file and line. */
const SEARCH_LINE = /^(.+?):(\d+): (.*)$/;

/** The lines of a tool's output that carry instructions addressed to the agent (at most ten). */
export function detectPromptInjection(output: string, format: "text" | "search" = "text"): InjectionMatch[] {
  const matches: InjectionMatch[] = [];
  const lines = output.split("\n");
  for (let i = 0; i < lines.length && matches.length < MAX_MATCHES; i++) {
    let text = lines[i]!;
    let where: { line: number; path?: string } = { line: i + 1 };
    const hit = format === "search" ? SEARCH_LINE.exec(text) : null;
    if (hit) {
      where = { path: hit[1]!, line: Number(hit[2]) };
      text = hit[3]!;
    }
    for (const p of INJECTION_PATTERNS) {
      const m = p.re.exec(text);
      if (!m) continue;
      matches.push({ ...where, pattern: p.name, excerpt: excerpt(text, m.index) });
      break;
    }
  }
  return matches;
}

/** Up to 160 characters around the match, redacted (credentials, e-mail addresses, private URLs). */
function excerpt(line: string, at: number): string {
  const start = Math.max(0, Math.min(at - 20, line.length - EXCERPT));
  const cut = line.slice(start, start + EXCERPT).trim();
  return redactText(`${start > 0 ? "…" : ""}${cut}${start + EXCERPT < line.length ? "…" : ""}`, { profile: "model" }).text;
}
