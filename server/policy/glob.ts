// Path globs for forbidden paths: "**" crosses directories, "*" and "?" do not. Compiled once per
// pattern because rules call them on every decision.
const cache = new Map<string, RegExp>();

export function globRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    let src = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === "/" && pattern.slice(i) === "/**") {
        // "dir/**" also matches "dir" itself.
        src += "(?:/.*)?";
        break;
      }
      if (c === "*" && pattern[i + 1] === "*") {
        // "**/x" matches "x" at the root too.
        if (pattern[i + 2] === "/") {
          src += "(?:.*/)?";
          i += 2;
        } else {
          src += ".*";
          i += 1;
        }
      } else if (c === "*") src += "[^/]*";
      else if (c === "?") src += "[^/]";
      else src += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    re = new RegExp(`^${src}$`);
    cache.set(pattern, re);
  }
  return re;
}

export function matchesGlob(path: string, pattern: string): boolean {
  return globRegExp(pattern).test(path.replace(/^\.\//, ""));
}
