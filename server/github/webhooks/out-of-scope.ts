// Whether a comment on an agent's PR asks for a change outside its task's scope: it names a file the
// run did not change, or asks to "also" change something. Such a request is escalated to a person
// (needs_human and a notification), never executed. The test leans towards escalating: a false alarm
// costs a person a look; a missed one would let a reviewer widen what an agent changes.

const CODE_EXTENSIONS = new Set([
  "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "py", "go", "rs", "java", "kt", "kts", "rb", "php", "cs", "c", "h", "cc", "cpp",
  "hpp", "swift", "scala", "sh", "bash", "sql", "json", "jsonc", "yaml", "yml", "toml", "ini", "cfg", "conf", "env", "xml", "html",
  "css", "scss", "less", "md", "mdx", "txt", "lock", "gradle", "tf", "vue", "svelte", "proto", "graphql", "dockerfile",
]);

// "also" (or the like) right before a verb of change: "please also update", "could you also bump".
const ALSO_CHANGE = /\b(?:also|additionally|as well,?)\s+(?:please\s+|go\s+(?:and\s+)?|try\s+to\s+)?(change|update|fix|modify|add|remove|delete|refactor|rename|move|bump|edit|rewrite|replace|touch|upgrade|migrate|implement|convert|make|clean\s+up)\b/i;
const WHILE_AT_IT = /\b(?:while you(?:'|’)?re (?:at it|in there)|while you are (?:at it|in there)|in addition,?\s+(?:please\s+)?(?:change|update|fix|modify|add|remove|refactor|rename|bump))\b/i;

const URL = /\bhttps?:\/\/\S+/gi;
// owner/repo#12, @org/team, @login: references, not paths.
const REFERENCE = /(?:\b[\w.-]+\/[\w.-]+#\d+\b|@[\w-]+(?:\/[\w-]+)?)/g;
const BACKTICKED = /`([^`\n]{1,200})`/g;
const FILE_TOKEN = /(?:^|[\s('"[<])((?:[\w.-]+\/)*[\w-][\w.-]*\.([A-Za-z][A-Za-z0-9]{0,9}))(?=$|[\s)'"\]>,;:!?]|\.(?:\s|$))/g;
const DIR_TOKEN = /(?:^|[\s('"[<])((?:[\w.-]+\/)+)(?=$|[\s)'"\]>,;:!?.])/g;

const normalize = (p: string) => p.trim().replace(/^\.?\/+/, "").replace(/^[ab]\/(?=.)/, "").replace(/\/+$/, "/");

/** Paths a comment names: in backticks (anything path-like), or bare with a known file extension or a trailing slash. */
export function mentionedPaths(body: string): string[] {
  const text = body.replace(URL, " ").replace(REFERENCE, " ");
  const found = new Set<string>();
  for (const m of text.matchAll(BACKTICKED)) {
    const span = m[1]!.trim();
    if (!/\s/.test(span) && /^[\w./-]+$/.test(span) && (span.includes("/") || /\.[A-Za-z][A-Za-z0-9]*$/.test(span))) found.add(normalize(span));
  }
  const bare = text.replace(BACKTICKED, " ");
  for (const m of bare.matchAll(FILE_TOKEN)) if (CODE_EXTENSIONS.has(m[2]!.toLowerCase())) found.add(normalize(m[1]!));
  for (const m of bare.matchAll(DIR_TOKEN)) found.add(normalize(m[1]!));
  return [...found].filter((p) => p && p !== "/");
}

/** A path is within the change when it is a changed file, ends one (a shorter path or its name), or is a folder holding one. */
function withinChange(path: string, changed: readonly string[]): boolean {
  const p = path.toLowerCase();
  return changed.some((file) => {
    const f = file.toLowerCase();
    return f === p || f.endsWith(`/${p}`) || (p.endsWith("/") && (f.startsWith(p) || f.includes(`/${p}`)));
  });
}

/** Why the comment asks for more than the task's change, or null when it does not. */
export function outOfScopeReason(body: string, changedFiles: readonly string[]): string | null {
  const outside = mentionedPaths(body).filter((p) => !withinChange(p, changedFiles));
  if (outside.length) {
    const shown = outside.slice(0, 5).join(", ") + (outside.length > 5 ? ` and ${outside.length - 5} more` : "");
    return `the comment names ${outside.length === 1 ? "a path" : "paths"} outside the files the run changed: ${shown}`;
  }
  const also = ALSO_CHANGE.exec(body) ?? WHILE_AT_IT.exec(body);
  if (also) return `the comment asks for a further change ("${also[0].trim().slice(0, 60)}"), beyond the task's scope`;
  return null;
}
