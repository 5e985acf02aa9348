// Splits a shell command into tokens for highlighting. Not a parser: it only tells program names,
// flags, quoted strings, variables, URLs and operators apart so an approver sees what runs where.
export type TokenKind = "program" | "flag" | "string" | "operator" | "variable" | "url" | "comment" | "text" | "space";
export type Token = { kind: TokenKind; text: string };

// Order matters: the first pattern that matches at a position wins.
const PATTERNS: [TokenKind, RegExp][] = [
  ["space", /^\s+/],
  ["comment", /^#.*/],
  ["string", /^'[^']*'?|^"(?:[^"\\]|\\.)*"?/],
  ["operator", /^(?:\|\||&&|>>|2>&1|\$\(|[|;&<>()`])/],
  ["variable", /^\$\{[^}]*\}?|^\$[A-Za-z_][A-Za-z0-9_]*|^\$[0-9@?#*$]/],
  ["url", /^[a-z][a-z0-9+.-]*:\/\/[^\s|;&<>'"`)]+/i],
  ["flag", /^--?[A-Za-z0-9][\w-]*(?:=[^\s|;&<>]*)?/],
  ["text", /^[^\s|;&<>'"`$()]+|^./],
];
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|[^\s|;&<>]*)/;
/** After these a new command starts (a | b, a && b, $(b)); after a redirection comes a file. */
const STARTS_COMMAND = /^(?:\|\||&&|\$\(|[|;&(`])$/;

export function tokenize(command: string): Token[] {
  const out: Token[] = [];
  let rest = command;
  let expectProgram = true;
  while (rest.length) {
    const assignment = expectProgram ? ASSIGNMENT.exec(rest) : null;
    if (assignment) {
      // FOO=bar cmd: the next word is still the program.
      out.push({ kind: "variable", text: assignment[0] });
      rest = rest.slice(assignment[0].length);
      continue;
    }
    for (const [kind, re] of PATTERNS) {
      const m = re.exec(rest);
      if (!m) continue;
      const text = m[0];
      out.push({ kind: kind === "text" && expectProgram ? "program" : kind, text });
      if (kind === "operator") expectProgram = STARTS_COMMAND.test(text);
      else if (kind !== "space" && kind !== "comment") expectProgram = false;
      rest = rest.slice(text.length);
      break;
    }
  }
  return out;
}
