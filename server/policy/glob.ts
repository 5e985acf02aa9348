// Path globs for forbidden paths: "**" crosses directories, "*" and "?" do not. Compiled once per
// pattern because rules call them on every decision.
const cache = new Map<string, RegExp>();

/** A pattern as literal text and wildcards; the regular expression and the literal ends both come from it. */
type Token = { literal: string } | { wildcard: string };

function tokens(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "/" && pattern.slice(i) === "/**") {
      // "dir/**" also matches "dir" itself.
      out.push({ wildcard: "(?:/.*)?" });
      break;
    }
    if (c === "*" && pattern[i + 1] === "*") {
      // "**/x" matches "x" at the root too.
      if (pattern[i + 2] === "/") {
        out.push({ wildcard: "(?:.*/)?" });
        i += 2;
      } else {
        out.push({ wildcard: ".*" });
        i += 1;
      }
    } else if (c === "*") out.push({ wildcard: "[^/]*" });
    else if (c === "?") out.push({ wildcard: "[^/]" });
    else out.push({ literal: c });
  }
  return out;
}

export function globRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const src = tokens(pattern).map((t) => ("literal" in t ? t.literal.replace(/[.+^${}()|[\]\\]/g, "\\$&") : t.wildcard)).join("");
    re = new RegExp(`^${src}$`);
    cache.set(pattern, re);
  }
  return re;
}

const NORMALIZED_PREFIX = "./";

export function matchesGlob(path: string, pattern: string): boolean {
  return globRegExp(pattern).test(path.startsWith(NORMALIZED_PREFIX) ? path.slice(NORMALIZED_PREFIX.length) : path);
}

/**
 * What every path the pattern matches starts and ends with: the literal text before the first
 * wildcard (or "./" and that text, since a leading "./" is ignored) and after the last one.
 */
export function globLiteralEnds(pattern: string): { prefixes: [string, string]; suffix: string } {
  const ts = tokens(pattern);
  const first = ts.findIndex((t) => "wildcard" in t);
  const last = ts.findLastIndex((t) => "wildcard" in t);
  const text = (list: Token[]) => list.map((t) => ("literal" in t ? t.literal : "")).join("");
  const prefix = text(first < 0 ? ts : ts.slice(0, first));
  return { prefixes: [prefix, NORMALIZED_PREFIX + prefix], suffix: text(last < 0 ? ts : ts.slice(last + 1)) };
}
