// A decision's explanation starts with its verdict ("require_approval: ...", "deny (explicit): ..."),
// which the screens already show as a badge beside it: the text then says only the cause.
const VERDICT_PREFIX = /^(?:allow|require_approval|deny(?: \([a-z ]+\))?): /;

export const withoutVerdict = (explanation: string) => explanation.replace(VERDICT_PREFIX, "");
