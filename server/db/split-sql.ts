/**
 * Splits a migration file into statements, with the line each starts on, so that a failure can
 * name its statement. Understands quotes, quoted identifiers, comments and dollar-quoted bodies.
 */
export type SqlStatement = { sql: string; line: number };

export function splitSql(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const chunk = text.slice(start, end);
    const body = stripComments(chunk).trim();
    if (body) {
      const lead = chunk.length - chunk.trimStart().length;
      out.push({ sql: chunk.trim(), line: lineAt(text, start + lead) });
    }
    start = end + 1;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === "-" && text[i + 1] === "-") {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? text.length : nl + 1;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (c === "'" || c === '"') {
      // E'...' strings take backslash escapes: \' does not end them.
      const escapes = c === "'" && /[eE]/.test(text[i - 1] ?? "") && !/[A-Za-z0-9_]/.test(text[i - 2] ?? "");
      i = skipQuoted(text, i, c, escapes);
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0];
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        i = end === -1 ? text.length : end + tag.length;
      } else i++;
    } else if (c === ";") {
      push(i);
      i++;
    } else i++;
  }
  push(text.length);
  return out;
}

function skipQuoted(text: string, i: number, q: string, escapes = false): number {
  let j = i + 1;
  while (j < text.length) {
    if (escapes && text[j] === "\\") j += 2;
    else if (text[j] === q) {
      if (text[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

function stripComments(s: string): string {
  return s.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) if (text[k] === "\n") line++;
  return line;
}
