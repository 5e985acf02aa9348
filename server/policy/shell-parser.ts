// The bash grammar (tree-sitter-bash through web-tree-sitter), loaded once with top-level await:
// every module that imports this one (the evaluator, so the web, the worker, the CLI and the tests)
// has the grammar before its first decision. If the grammar cannot load, the import fails and the
// process cannot decide anything at all, rather than deciding without the shell facts.
import { createRequire } from "node:module";
import { Language, Parser, type Node } from "web-tree-sitter";

const require = createRequire(import.meta.url);

await Parser.init();
const bash = await Language.load(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm"));
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
