// Colours a line of source for the diff view. Not a parser: one line at a time (a diff shows
// lines, not files), telling comments, strings, numbers, keywords and keys apart by pattern, so a
// reviewer reads code as code. Languages are picked by file name; anything else stays plain.
import { tokenize as shellTokens } from "./shell-tokens";

export type CodeTokenKind = "comment" | "string" | "number" | "keyword" | "key" | "text";
export type CodeToken = { kind: CodeTokenKind; text: string };
export type CodeLanguage = "js" | "json" | "yaml" | "markdown" | "shell" | "plain";

const EXT: Record<string, CodeLanguage> = {
  js: "js", mjs: "js", cjs: "js", jsx: "js", ts: "js", tsx: "js", mts: "js", cts: "js",
  json: "json", yaml: "yaml", yml: "yaml", md: "markdown", markdown: "markdown", sh: "shell", bash: "shell",
};

export function languageOf(path: string): CodeLanguage {
  const name = path.split("/").pop() ?? "";
  if (name === "Dockerfile" || name === ".env" || name.startsWith(".env.")) return "shell";
  const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
  return EXT[ext] ?? "plain";
}

const JS_KEYWORDS = new Set([
  "as", "async", "await", "break", "case", "catch", "class", "const", "continue", "default", "delete", "do", "else", "export", "extends",
  "false", "finally", "for", "from", "function", "if", "import", "in", "instanceof", "interface", "let", "new", "null", "of", "return",
  "static", "switch", "this", "throw", "true", "try", "type", "typeof", "undefined", "var", "void", "while", "yield",
]);

// Order matters: the first alternative that matches at a position wins.
const JS = /(\/\/.*$|\/\*.*?(?:\*\/|$))|("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`(?:[^`\\]|\\.)*`?)|(\b(?:0[xX][\da-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?n?)\b)|([A-Za-z_$][\w$]*)/gy;
const YAML_KEY = /^(\s*(?:-\s+)?)("[^"]*"|'[^']*'|[^\s#'"{}[\],][^:#]*?)(\s*:)(?=\s|$)/;
const YAML_VALUE = /(\s#.*$|^#.*$)|("(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?)|(\b(?:true|false|null|yes|no|on|off)\b|~)|(-?\b\d[\d_]*(?:\.\d+)?\b)/gy;

function scan(line: string, re: RegExp, classify: (m: RegExpExecArray) => CodeTokenKind): CodeToken[] {
  const out: CodeToken[] = [];
  let plain = "";
  let i = 0;
  while (i < line.length) {
    re.lastIndex = i;
    const m = re.exec(line);
    if (m && m[0].length > 0) {
      if (plain) { out.push({ kind: "text", text: plain }); plain = ""; }
      out.push({ kind: classify(m), text: m[0] });
      i += m[0].length;
    } else {
      plain += line[i];
      i++;
    }
  }
  if (plain) out.push({ kind: "text", text: plain });
  // Neighbouring plain text in one piece keeps the markup small.
  return out.reduce<CodeToken[]>((acc, t) => {
    const last = acc.at(-1);
    if (last && last.kind === t.kind && t.kind === "text") last.text += t.text;
    else acc.push({ ...t });
    return acc;
  }, []);
}

const jsLine = (line: string, json: boolean) =>
  scan(line, JS, (m) => (m[1] ? "comment" : m[2] ? (json && /^\s*:/.test(line.slice(m.index + m[0].length)) ? "key" : "string") : m[3] ? "number" : JS_KEYWORDS.has(m[4]!) ? "keyword" : "text"));

function yamlLine(line: string): CodeToken[] {
  if (/^\s*#/.test(line)) return [{ kind: "comment", text: line }];
  const key = YAML_KEY.exec(line);
  const head: CodeToken[] = key ? [...(key[1] ? [{ kind: "text" as const, text: key[1] }] : []), { kind: "key", text: key[2]! }, { kind: "text", text: key[3]! }] : [];
  const rest = key ? line.slice(key[0].length) : line;
  return [...head, ...scan(rest, YAML_VALUE, (m) => (m[1] ? "comment" : m[2] ? "string" : m[3] ? "keyword" : "number"))];
}

function markdownLine(line: string): CodeToken[] {
  if (/^#{1,6}\s/.test(line)) return [{ kind: "keyword", text: line }];
  return scan(line, /(`[^`]*`?)|(\[[^\]]*\]\([^)]*\))/gy, (m) => (m[1] ? "string" : "key"));
}

function shellLine(line: string): CodeToken[] {
  return shellTokens(line).map((t) => ({
    kind: t.kind === "comment" ? "comment" : t.kind === "string" ? "string" : t.kind === "program" ? "keyword" : t.kind === "flag" || t.kind === "variable" ? "key" : "text",
    text: t.text,
  }));
}

export function highlightLine(line: string, language: CodeLanguage): CodeToken[] {
  if (!line) return [];
  switch (language) {
    case "js": return jsLine(line, false);
    case "json": return jsLine(line, true);
    case "yaml": return yamlLine(line);
    case "markdown": return markdownLine(line);
    case "shell": return shellLine(line);
    default: return [{ kind: "text", text: line }];
  }
}
