// Walks a bash syntax tree for the shell facts: pipelines (each stage reads what the stages before it
// wrote), lists, compound statements, substitutions, redirections and here-documents. What a simple
// command does is the subclass's (shell-facts.ts): run() gets its words, literal where they can be.
import { withSyntaxTree, type SyntaxNode } from "./shell-parser";
import { literal } from "./shell-words";
import type { Word } from "./shell-options";
import type { ShellFacts } from "./shell-facts";

/** What a pipeline stage tells the stages after it: a downloader's output, or literal text (echo, cat of a here-document) or files (cat f) it prints. */
export type Stage = { downloader: boolean; text: string | null; files: string[] | null };
export type Stdin = { pipe: Stage[] } | { file: string | null } | { code: string | null } | null;
export type Arg = Word & { node: SyntaxNode; stages: Stage[] };

export const MAX_DEPTH = 6;
export const MAX_COMMANDS = 500;
export const basename = (w: string) => w.slice(w.replace(/\/+$/, "").lastIndexOf("/") + 1);

export abstract class ShellWalk {
  readonly facts: ShellFacts = {
    commands: [], programs: [], workspaceCode: [], usesNetwork: false, pipesRemoteToShell: false, executesDownloadedScript: false,
    runsWorkspaceCode: false, malformed: false, opaque: false, opaqueBecause: [],
  };
  /** Files and directories a downloader wrote (curl -o f, wget x, > f, git clone x d). */
  protected readonly downloaded = new Set<string>();

  line(text: string, depth: number, stdin: Stdin = null): Stage[] {
    if (depth > MAX_DEPTH) return this.malformed();
    return withSyntaxTree(text, (root) => {
      if (!root || root.hasError) return this.malformed();
      return this.node(root, depth, stdin);
    });
  }

  protected malformed(): Stage[] {
    this.facts.malformed = true;
    return [{ downloader: false, text: null, files: null }];
  }

  protected opaque(why: string): Stage {
    this.facts.opaque = true;
    if (!this.facts.opaqueBecause.includes(why)) this.facts.opaqueBecause.push(why);
    return { downloader: false, text: null, files: null };
  }

  protected isDownloaded(path: string): boolean {
    const p = path.replace(/^\.\//, "");
    if (this.downloaded.has(p) || this.downloaded.has(basename(p))) return true;
    for (const d of this.downloaded) if (p.startsWith(`${d}/`)) return true;
    return false;
  }

  /** Walks any node; commands read stdin from `stdin` (a pipe into a subshell reaches its commands). */
  private node(n: SyntaxNode, depth: number, stdin: Stdin): Stage[] {
    switch (n.type) {
      case "command":
        return this.command(n, depth, stdin);
      case "redirected_statement":
        return this.redirected(n, depth, stdin);
      case "pipeline": {
        // Each stage reads what every stage before it wrote (curl x | tee log | sh).
        const upstream: Stage[] = [];
        n.namedChildren.forEach((stage, i) => {
          if (stage) upstream.push(...this.node(stage, depth, i === 0 ? stdin : { pipe: [...upstream] }));
        });
        return upstream;
      }
      case "variable_assignment":
        this.assigned(n.childForFieldName("name")?.text ?? "");
        return this.children(n, depth, null);
      case "command_substitution":
      case "process_substitution":
        return this.children(n, depth, null);
      case "heredoc_body":
        return this.children(n, depth, null);
      default:
        return this.children(n, depth, stdin);
    }
  }

  private children(n: SyntaxNode, depth: number, stdin: Stdin): Stage[] {
    const out: Stage[] = [];
    for (const c of n.namedChildren) if (c) out.push(...this.node(c, depth, stdin));
    return out;
  }

  private redirected(n: SyntaxNode, depth: number, stdin: Stdin): Stage[] {
    const body = n.childForFieldName("body");
    const redirects = n.childrenForFieldName("redirect").filter((r): r is SyntaxNode => r !== null);
    const io = this.redirects(redirects, depth, stdin);
    const out = body ? this.node(body, depth, io.stdin) : [];
    if (out.some((s) => s.downloader)) for (const f of io.outputs) this.downloaded.add(f.replace(/^\.\//, ""));
    for (const sub of io.outputSubstitutions) this.children(sub, depth, { pipe: out });
    // cat <<EOF | sh: the grammar hangs the rest of the pipeline under the here-document.
    for (const r of redirects) {
      if (r.type !== "heredoc_redirect") continue;
      for (const c of r.namedChildren) if (c && !["heredoc_start", "heredoc_body", "heredoc_end", "file_redirect"].includes(c.type)) out.push(...this.node(c, depth, { pipe: [...out] }));
    }
    return out;
  }

  /** Input and output redirections; substitutions inside them run too. */
  private redirects(redirects: readonly SyntaxNode[], depth: number, stdin: Stdin): { stdin: Stdin; outputs: string[]; outputSubstitutions: SyntaxNode[] } {
    const outputs: string[] = [];
    const outputSubstitutions: SyntaxNode[] = [];
    for (const r of redirects) {
      if (r.type === "heredoc_redirect") {
        const body = r.namedChildren.find((c) => c?.type === "heredoc_body");
        const quoted = /['"\\]/.test(r.namedChildren.find((c) => c?.type === "heredoc_start")?.text ?? "");
        const substituted = body ? this.node(body, depth, null) : [];
        const expands = body?.namedChildren.some((c) => c?.type !== "heredoc_content") ?? false;
        // A substitution's output becomes the text: a download in it is a download on stdin.
        stdin = substituted.some((x) => x.downloader) ? { pipe: substituted } : { code: quoted || !expands ? (body?.text ?? "") : null };
      } else if (r.type === "herestring_redirect") {
        const word = r.namedChildren.at(-1);
        const substituted = word ? this.node(word, depth, null) : [];
        stdin = substituted.some((x) => x.downloader) ? { pipe: substituted } : { code: word ? literal(word) : null };
      } else if (r.type === "file_redirect") {
        const dest = r.childForFieldName("destination");
        const op = r.children.find((c) => c && !c.isNamed)?.text ?? ">";
        if (dest?.type === "process_substitution" && dest.text.startsWith(">(")) {
          // cmd > >(sh): the substitution's commands read what this command writes.
          outputSubstitutions.push(dest);
          continue;
        }
        const substituted = dest ? this.node(dest, depth, null) : [];
        if (op === "<" && dest?.type === "process_substitution") {
          stdin = { pipe: substituted };
          continue;
        }
        const target = dest ? literal(dest) : null;
        // bash opens a connection for these paths itself: exec 3<>/dev/tcp/host/80, cat < /dev/udp/...
        if (target === null || /^\/dev\/(tcp|udp)\//.test(target)) this.facts.usesNetwork = true;
        if (op === "<") stdin = { file: target };
        else if (target !== null && (!op.includes("&") || op.startsWith("&"))) outputs.push(target);
      }
    }
    return { stdin, outputs: outputs.filter(Boolean), outputSubstitutions };
  }

  private command(n: SyntaxNode, depth: number, stdin: Stdin): Stage[] {
    const words: Arg[] = [];
    const redirects: SyntaxNode[] = [];
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === "variable_assignment") this.node(c, depth, null);
      else if (c.type.endsWith("_redirect")) redirects.push(c);
      // tee >(sh): the substitution's commands read what this command writes, walked once that is known.
      else if (c.type === "process_substitution" && c.text.startsWith(">(")) words.push({ node: c, text: c.text, lit: null, stages: [] });
      else words.push({ node: c, text: c.text, lit: literal(c), stages: this.node(c, depth, null) });
    }
    const io = this.redirects(redirects, depth, stdin);
    const stage = this.run(words, [], depth, io.stdin);
    if (stage.downloader) for (const f of io.outputs) this.downloaded.add(f.replace(/^\.\//, ""));
    const written: Stdin = { pipe: [stage, ...(stdin && "pipe" in stdin ? stdin.pipe : [])] };
    for (const w of words) if (w.node.type === "process_substitution" && w.text.startsWith(">(")) this.children(w.node, depth, written);
    for (const sub of io.outputSubstitutions) this.children(sub, depth, written);
    return [stage];
  }

  /** A variable is set (FOO=1 cmd, export FOO=1, env FOO=1 cmd). */
  protected abstract assigned(name: string): void;

  /** One simple command, given as its words (wrappers and assignments included) and where its stdin comes from. */
  protected abstract run(words: Arg[], wrappers: string[], depth: number, stdin: Stdin): Stage;
}
