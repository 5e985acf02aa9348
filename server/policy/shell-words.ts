// The text a shell word stands for, when it can be known without running anything: quotes removed
// and escapes applied. A word holding an expansion ($VAR, $(...), <(...), $((...))) has no literal
// text: null, and whoever reads it must assume the worst.
import type { SyntaxNode } from "./shell-parser";

const ANSI_C: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "?": "?" };

function ansiC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/gs, (_, e: string) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ANSI_C[e] ?? `\\${e}`;
  });
}

export function literal(node: SyntaxNode): string | null {
  switch (node.type) {
    case "word":
    case "number":
      return node.text.replace(/\\(.)/gs, "$1");
    case "raw_string":
      return node.text.slice(1, -1);
    case "ansi_c_string":
      return ansiC(node.text.slice(2, -1));
    case "command_name":
      return node.namedChildCount === 1 ? literal(node.namedChildren[0]!) : null;
    case "string":
    case "translated_string":
      return join(node.namedChildren.map((c) => (c?.type === "string_content" ? c.text.replace(/\\([$`"\\\n])/g, "$1") : null)));
    case "concatenation":
      // Unnamed pieces are glob and brace characters ({, }, *), literal text.
      return join(node.children.map((c) => (!c ? null : c.isNamed ? literal(c) : c.text)));
    default:
      return null;
  }
}

const join = (parts: (string | null)[]) => (parts.includes(null) ? null : parts.join(""));
