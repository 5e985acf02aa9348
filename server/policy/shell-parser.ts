// The bash grammar (tree-sitter-bash through web-tree-sitter), loaded once with top-level await:
// every module that imports this one (the evaluator, so the web, the worker, the CLI and the tests)
// has the grammar before its first decision. If the grammar cannot load, the import fails and the
// process cannot decide anything at all, rather than deciding without the shell facts.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Language, Parser, type Node } from "web-tree-sitter";

/**
 * The grammar's file, found the way Node finds a package: in node_modules of this module's directory
 * or an ancestor's. Not require.resolve, which Next's bundler would turn into a bundled WebAssembly
 * module; this way tsx, vitest and the built web server all read the installed file.
 */
function grammarFile(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, "node_modules", "tree-sitter-bash", "tree-sitter-bash.wasm");
    if (existsSync(file)) return file;
    if (path.dirname(dir) === dir) throw new Error("tree-sitter-bash is not installed: shell commands cannot be judged");
  }
}

await Parser.init();
const bash = await Language.load(grammarFile());
const parser = new Parser();
parser.setLanguage(bash);

export type SyntaxNode = Node;

/**
 * Parses one command line and hands its root to fn; the tree lives only during fn (it is WebAssembly
 * memory, freed afterwards). null when the parser gave up.
 */
export function withSyntaxTree<T>(line: string, fn: (root: SyntaxNode | null) => T): T {
  const tree = parser.parse(line);
  try {
    return fn(tree?.rootNode ?? null);
  } finally {
    tree?.delete();
  }
}
