// Facts about a shell command line that tool-call rules decide on, derived from its bash syntax tree
// (tree-sitter-bash): every command of every pipeline, list, subshell, compound statement, function,
// command and process substitution and here-document, and the code handed to nested shells (bash
// -lc, sh -ec --, eval, env -S, su -c, find -exec, xargs...), parsed in turn. Policy authors write
// CEL against this shape (README, "Shell facts"):
//
//   input.context.shell.commands    list of { program, path, args, argv, subcommand, wrappers }: every
//                                   command run, nested ones included, wrappers and VAR=value stripped
//   input.context.shell.programs    the programs of those commands
//   input.context.shell.workspaceCode  list of { kind, name, program }: code from the workspace that runs
//   usesNetwork, pipesRemoteToShell, executesDownloadedScript, runsWorkspaceCode, malformed, opaque
//   verifierCommand                 the line is one of the run's verifier commands (set by evaluate)
//
// What cannot be known without running the line (a syntax error, a command name built from an
// expansion, eval or bash -c of text that is not literal, an interpreter given code, a shell reading
// its program from a pipe, a variable or option that makes a program run other code) is never
// harmless: malformed or opaque, and opaque counts as network.
import { firstOperand, interpreterMode, interpreterName, RUNNERS, shellMode, SHELLS, WRAPPERS, type Mode } from "./shell-options";
import { basename, MAX_COMMANDS, MAX_DEPTH, ShellWalk, type Arg, type Stage, type Stdin } from "./shell-walk";
import { DOWNLOADERS, downloadTarget, EXEC_VARIABLES, gitConfigRunsCommand, gitRunsConfiguredCommand, runsCommandThroughOptions, subcommandOf, usesNetwork, workspaceCodeOf, type WorkspaceCode } from "./shell-programs";

export type { WorkspaceCode } from "./shell-programs";

export type ShellCommand = {
  /** Basename of the program run: git for /usr/bin/git, deploy.sh for ./scripts/deploy.sh. */
  program: string;
  /** The command word as written (./scripts/deploy.sh). */
  path: string;
  /** The arguments after the program, quotes removed; a word holding an expansion keeps its text ("$HOME/x"). */
  args: string[];
  /** path followed by args. */
  argv: string[];
  /** The first operand after global options: push in `git -C . push`, publish in `npm --prefix x publish`; "" when none. */
  subcommand: string;
  /** Wrappers stripped to reach the program, outermost first: ["sudo", "env"]. */
  wrappers: string[];
};

export type ShellFacts = {
  commands: ShellCommand[];
  programs: string[];
  workspaceCode: WorkspaceCode[];
  /** A network tool, a git or package-manager operation that reaches a remote, or anything opaque. */
  usesNetwork: boolean;
  /** A downloader's output is run as code: piped into a shell or interpreter, or through $(...) or <(...). */
  pipesRemoteToShell: boolean;
  /** A downloaded file is run afterwards, sourced, or made executable (curl -o f x && sh f). */
  executesDownloadedScript: boolean;
  /** Code from the workspace runs: ./x, bash x.sh, python x.py, npm test, make, npx, ./gradlew... */
  runsWorkspaceCode: boolean;
  /** The parser found a syntax error (an unbalanced quote, a missing fi), or nesting is too deep. */
  malformed: boolean;
  /** What runs cannot be known from the text; opaqueBecause says why. */
  opaque: boolean;
  opaqueBecause: string[];
};

const SYSTEM_DIRS = /^\/(usr\/(local\/)?)?s?bin\//;
const NETWORK_MODULES = new Set(["http.server", "ensurepip", "twine", "smtpd", "ftplib", "urllib.request", "SimpleHTTPServer"]);
const URL_WORD = /^[a-z][a-z0-9+.-]*:\/\//i;

class Analysis extends ShellWalk {
  /** One simple command, given as words: strips wrappers and works out what it runs. */
  protected run(words: Arg[], wrappers: string[], depth: number, stdin: Stdin): Stage {
    while (words[0]?.lit !== null && words[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].lit!)) {
      this.assigned(words[0].lit!.slice(0, words[0].lit!.indexOf("=")));
      words = words.slice(1);
    }
    const first = words[0];
    if (!first) return { downloader: false, text: null, files: null };
    if (first.lit === null) {
      if (first.stages.some((s) => s.downloader)) this.remote();
      this.push({ program: first.text, path: first.text, args: words.slice(1).map((w) => w.text), argv: words.map((w) => w.text), subcommand: "", wrappers });
      return this.opaque("the command name is not literal");
    }
    if (this.facts.commands.length >= MAX_COMMANDS) return this.malformed()[0]!;
    const path = first.lit;
    const program = basename(path);
    const args = words.slice(1);
    const unwrapped = this.unwrap(program, args, wrappers, depth, stdin);
    if (unwrapped) return unwrapped;
    const sub = subcommandOf(program, args);
    this.push({ program, path, args: args.map((a) => a.lit ?? a.text), argv: [path, ...args.map((a) => a.lit ?? a.text)], subcommand: sub.name, wrappers });
    this.facts.programs.push(program);

    const downloader = DOWNLOADERS.has(program);
    if (usesNetwork(program, sub.name, args)) this.facts.usesNetwork = true;
    if (downloader) this.download(program, args);
    if (program === "git") this.git(args, sub, depth);
    if (path.includes("/") && !SYSTEM_DIRS.test(path)) {
      if (this.isDownloaded(path)) this.facts.executesDownloadedScript = true;
      else this.workspace({ kind: "executable", name: path, program });
    }
    for (const w of workspaceCodeOf(program, sub.name, sub.at, args)) this.workspace(w);
    if (runsCommandThroughOptions(program, args)) this.opaque(`${program} is told to run another command through its options`);
    if (program === "chmod" && args.some((a) => a.lit !== null && this.isDownloaded(a.lit))) this.facts.executesDownloadedScript = true;

    // What a command makes of downloaded input is downloaded too (curl x | jq . > f; sh f).
    const fed = !!stdin && "pipe" in stdin && stdin.pipe.some((s) => s.downloader);
    if (fed && program === "tee") for (const a of args) if (a.lit && !a.lit.startsWith("-")) this.downloaded.add(a.lit.replace(/^\.\//, ""));
    if ((program === "cp" || program === "mv" || program === "install" || program === "ln") && args.length >= 2 && args.slice(0, -1).some((a) => a.lit !== null && this.isDownloaded(a.lit))) {
      const target = args.at(-1)!.lit;
      if (target) this.downloaded.add(target.replace(/^\.\//, ""));
    }
    if ((program === "deno" || program === "bun") && args.some((a) => URL_WORD.test(a.lit ?? ""))) this.remote();

    const runsCode = this.code(program, args, depth, stdin);
    if (runsCode) return { ...runsCode, downloader: runsCode.downloader || fed };
    return { downloader: downloader || fed, text: printed(program, args, stdin), files: program === "cat" && args.length > 0 && args.every((a) => a.lit !== null && !a.lit.startsWith("-")) ? args.map((a) => a.lit!) : null };
  }

  protected assigned(name: string): void {
    if (EXEC_VARIABLES.test(name)) this.opaque(`${name} makes programs run other code`);
  }

  private push(c: ShellCommand): void {
    this.facts.commands.push(c);
  }

  private remote(): void {
    this.facts.pipesRemoteToShell = true;
    this.facts.usesNetwork = true;
  }

  private workspace(w: WorkspaceCode): void {
    this.facts.runsWorkspaceCode = true;
    if (!this.facts.workspaceCode.some((x) => x.kind === w.kind && x.name === w.name && x.program === w.program)) this.facts.workspaceCode.push(w);
  }

  /** sudo, env, timeout, xargs... and the runners (poetry run, bundle exec): the command they run, analysed as such. */
  private unwrap(program: string, args: Arg[], wrappers: string[], depth: number, stdin: Stdin): Stage | null {
    const spec = WRAPPERS[program];
    const runner = RUNNERS[program];
    if (!spec && !runner) return null;
    let at: number;
    if (runner) {
      const sub = subcommandOf(program, args);
      if (!runner.includes(sub.name)) return null;
      at = firstOperand(args, sub.at + 1, () => false);
    } else {
      if (program === "command" && args.some((a) => a.lit === "-v" || a.lit === "-V")) return null;
      if (program === "env") {
        const split = args.findIndex((a) => a.lit === "-S" || a.lit?.startsWith("--split-string") || /^-[a-zA-Z]*S./.test(a.lit ?? ""));
        if (split >= 0) return this.envSplit(args.slice(split), depth);
      }
      if (program === "flock" && args.some((a) => a.lit === "-c" || a.lit === "--command")) return null;
      at = firstOperand(args, 0, spec!.takesValue);
      if (at >= 0) at += spec!.operands ?? 0;
    }
    if (at < 0) {
      this.push({ program, path: program, args: args.map((a) => a.text), argv: [program, ...args.map((a) => a.text)], subcommand: "", wrappers });
      return this.opaque(`${program}'s options are not literal`);
    }
    // env's NAME=value words are left for run(), which strips them and looks at what they set.
    let cmd = at;
    if (spec?.assignments) while (cmd < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[cmd]!.lit ?? "")) this.assigned(args[cmd++]!.lit!.split("=")[0]!);
    if (cmd >= args.length) return null;
    const inner = [...wrappers, program];
    if (program === "watch") return this.codeText(args.slice(at), depth, "watch");
    if (program === "xargs") return this.xargs(args.slice(at), inner, depth, stdin);
    return this.run(args.slice(at), inner, depth, stdin);
  }

  /** xargs CMD: CMD's arguments come from stdin, so a shell or interpreter there runs what the pipe carries. */
  private xargs(words: Arg[], wrappers: string[], depth: number, stdin: Stdin): Stage {
    const program = basename(words[0]?.lit ?? "");
    const runsStdin = SHELLS.has(program) || program === "source" || program === "." || interpreterName(program) !== undefined || program === "eval";
    const stage = this.run(words, wrappers, depth, null);
    if (runsStdin) this.stdinProgram(stdin ?? { pipe: [] }, `xargs ${program}`, depth, true);
    return stage;
  }

  /** env -S "cmd args" (or -Scmd, --split-string=cmd) and what follows: one command line. */
  private envSplit(words: Arg[], depth: number): Stage {
    const opt = words[0]!.lit ?? "";
    const rest = words.slice(1);
    const value = opt === "-S" || opt === "--split-string" ? rest : [{ ...words[0]!, lit: opt.replace(/^(--split-string=|-[a-zA-Z]*S)/, "") }, ...rest];
    return this.codeText(value, depth, "env -S");
  }

  /** Code handed over as words (eval a b, bash -c CODE, watch cmd): literal words are parsed as a line of their own. */
  private codeText(words: readonly Arg[], depth: number, what: string, stdin: Stdin = null): Stage {
    if (words.some((w) => w.stages.some((s) => s.downloader))) this.remote();
    if (words.some((w) => w.lit === null)) return this.opaque(`${what} runs text that is not literal`);
    return merge(this.line(words.map((w) => w.lit).join(" "), depth + 1, stdin));
  }

  /** Shells, interpreters, eval, source, find -exec, su -c and git's command options: the code they run. */
  private code(program: string, args: Arg[], depth: number, stdin: Stdin): Stage | null {
    const interpreter = interpreterName(program);
    if (SHELLS.has(program) || interpreter) {
      return this.mode(program, SHELLS.has(program) ? shellMode(args) : interpreterMode(interpreter!, args), args, depth, stdin, !!interpreter);
    }
    switch (program) {
      case "eval":
        return this.codeText(args, depth, "eval");
      case "source":
      case ".":
        return args.length ? this.mode(program, { kind: "script", at: 0 }, args, depth, stdin, false) : null;
      case "trap":
        return args[0] && !args[0].lit?.startsWith("-") ? this.codeText([args[0]], depth, "trap") : null;
      case "alias":
        for (const a of args) if (a.lit?.includes("=")) this.line(a.lit.slice(a.lit.indexOf("=") + 1), depth + 1);
        return null;
      case "su":
      case "runuser":
      case "script":
      case "flock":
      case "npx": {
        const c = args.findIndex((a) => a.lit === "-c" || a.lit === "--command" || a.lit === "--call");
        const attached = args.find((a) => /^--(command|call)=/.test(a.lit ?? ""));
        if (attached) return this.codeText([{ ...attached, lit: attached.lit!.replace(/^--\w+=/, "") }], depth, `${program} --command`);
        return c >= 0 && args[c + 1] ? this.codeText([args[c + 1]!], depth, `${program} -c`) : null;
      }
      case "find":
        return this.findExec(args, depth);
    }
    return null;
  }

  private mode(program: string, m: Mode, args: Arg[], depth: number, stdin: Stdin, interpreter: boolean): Stage | null {
    switch (m.kind) {
      case "none":
        return null;
      case "tests":
        this.workspace({ kind: "build-target", name: "test", program });
        return null;
      case "module": {
        const w = args[m.at];
        const name = w ? (w.lit ?? w.text).slice(m.strip ?? 0) : "";
        // python -m pip install reaches the index as pip does; python -m http.server listens.
        if (usesNetwork(name, subcommandOf(name, args.slice(m.at + 1)).name, args.slice(m.at + 1)) || NETWORK_MODULES.has(name)) this.facts.usesNetwork = true;
        else this.workspace({ kind: "module", name, program });
        return null;
      }
      case "code": {
        const w = args[m.at];
        if (!w) return null;
        const code = { ...w, lit: w.lit === null ? null : w.lit.slice(m.strip ?? 0) };
        if (!interpreter) return this.codeText([code], depth, `${program} -c`, stdin);
        if (w.stages.some((s) => s.downloader)) this.remote();
        // An awk program runs commands only through system(), getline from a command or print to a pipe.
        if (interpreterName(program) === "awk" && code.lit !== null && !/system\s*\(|\|/.test(code.lit)) return null;
        // python -c, node -e, perl -e: code in another language, which may do anything.
        return this.opaque(`${program} is given code to run`);
      }
      case "script": {
        const w = args[m.at]!;
        if (w.node.type === "process_substitution") return this.stdinProgram({ pipe: w.stages }, program, depth);
        if (w.lit === null) return this.opaque(`the script ${program} runs is not literal`);
        if (w.lit === "/dev/stdin" || w.lit === "-") return this.stdinProgram(stdin, program, depth);
        if (URL_WORD.test(w.lit)) {
          this.remote();
          return null;
        }
        if (this.isDownloaded(w.lit)) this.facts.executesDownloadedScript = true;
        else this.workspace({ kind: "script", name: w.lit, program });
        return null;
      }
      case "stdin":
        return this.stdinProgram(stdin, program, depth);
    }
  }

  /** A shell or interpreter reading its program from stdin: what the pipe, file or here-document holds. */
  private stdinProgram(stdin: Stdin, program: string, depth: number, xargs = false): Stage | null {
    if (!stdin) return null;
    if ("pipe" in stdin) {
      if (stdin.pipe.some((s) => s.downloader)) {
        this.remote();
        return null;
      }
      if (stdin.pipe.length === 0) return null;
      const last = stdin.pipe.at(-1)!;
      if (!xargs && last.text !== null) return merge(this.line(last.text, depth + 1));
      if (last.files) {
        for (const f of last.files) {
          if (this.isDownloaded(f)) this.facts.executesDownloadedScript = true;
          else this.workspace({ kind: "script", name: f, program });
        }
        return null;
      }
      return this.opaque(`${program} runs what another command prints`);
    }
    if ("file" in stdin) {
      if (stdin.file === null) return this.opaque(`${program} runs a file that is not named literally`);
      if (this.isDownloaded(stdin.file)) this.facts.executesDownloadedScript = true;
      else this.workspace({ kind: "script", name: stdin.file, program });
      return null;
    }
    if (stdin.code === null) return this.opaque(`${program} runs a here-document with expansions`);
    return SHELLS.has(program) ? merge(this.line(stdin.code, depth + 1)) : this.opaque(`${program} is given code to run`);
  }

  /** find ... -exec CMD ARGS ; (or +), -execdir, -ok, -okdir. */
  private findExec(args: Arg[], depth: number): Stage | null {
    for (let i = 0; i < args.length; i++) {
      if (!/^-(exec|execdir|ok|okdir)$/.test(args[i]!.lit ?? "")) continue;
      let end = i + 1;
      while (end < args.length && args[end]!.lit !== ";" && args[end]!.lit !== "+") end++;
      const cmd = args.slice(i + 1, end);
      if (cmd[0]?.lit?.includes("{}")) this.opaque("find runs the files it finds");
      else this.run(cmd, ["find"], depth, null);
      i = end;
    }
    return null;
  }

  private git(args: Arg[], sub: { name: string; at: number }, depth: number): void {
    if (sub.at < 0) {
      this.opaque("git's options are not literal");
      return;
    }
    if (gitRunsConfiguredCommand(args, sub.at)) this.opaque("git is configured on the command line to run a command");
    const rest = args.slice(sub.at + 1);
    const valueOf = (names: string[]) => {
      const i = rest.findIndex((a) => names.includes(a.lit ?? ""));
      return i >= 0 ? rest[i + 1] : rest.map((a) => ({ ...a, lit: names.map((n) => (a.lit?.startsWith(`${n}=`) ? a.lit.slice(n.length + 1) : null)).find((v) => v !== null) ?? null })).find((a) => a.lit !== null);
    };
    if (sub.name === "rebase") {
      const exec = valueOf(["-x", "--exec"]);
      if (exec) this.codeText([exec], depth, "git rebase --exec");
    } else if (sub.name === "submodule") {
      const i = rest.findIndex((a) => a.lit === "foreach");
      if (i >= 0) this.codeText(rest.slice(i + 1).filter((a) => a.lit !== "--recursive"), depth, "git submodule foreach");
    } else if (sub.name === "bisect" && rest[0]?.lit === "run") {
      this.run(rest.slice(1), ["git"], depth, null);
    } else if (sub.name === "filter-branch") {
      for (let i = 0; i < rest.length; i++) if (/^--[a-z-]*filter$/.test(rest[i]!.lit ?? "") && rest[i + 1]) this.codeText([rest[i + 1]!], depth, "git filter-branch");
    } else if (sub.name === "config") {
      if (rest.some((a) => a.lit === null || gitConfigRunsCommand(a.lit))) this.opaque("git is configured to run a command");
    } else if (sub.name === "clone") {
      const operands = rest.filter((a, i) => !a.text.startsWith("-") && !(i > 0 && /^-(b|o|c|-branch|-origin|-depth|-config|-template|-reference|-separate-git-dir|-filter)$/.test(rest[i - 1]!.text)));
      const dir = operands[1]?.lit ?? basename(operands[0]?.lit ?? "").replace(/\.git$/, "");
      if (dir) this.downloaded.add(dir.replace(/^\.\//, ""));
    }
  }

  private download(program: string, args: Arg[]): void {
    const target = downloadTarget(program, args);
    if (target && target !== "-") this.downloaded.add(target.replace(/^\.\//, ""));
  }

}

/** What echo, printf or cat of a here-document print, when it is literal. */
function printed(program: string, args: readonly Arg[], stdin: Stdin): string | null {
  if (program === "cat" && args.length === 0 && stdin && "code" in stdin) return stdin.code;
  if ((program !== "echo" && program !== "printf") || args.some((a) => a.lit === null)) return null;
  return args.filter((a) => !/^-[neE]+$/.test(a.lit!)).map((a) => a.lit).join(" ");
}

const merge = (stages: Stage[]): Stage => ({
  downloader: stages.some((s) => s.downloader), text: null, files: null,
});

// The gateway and the active and shadow evaluations of one tool call ask about the same line: it is
// parsed once. Facts are frozen, since every caller shares them.
const cache = new Map<string, Readonly<ShellFacts>>();
const CACHED = 256;

export function shellFacts(line: string): Readonly<ShellFacts> {
  let f = cache.get(line);
  if (f) return f;
  const a = new Analysis();
  try {
    a.line(line, 0);
  } catch {
    // A tree too deep for the walk (thousands of nested parentheses) is not something to judge.
    a.facts.malformed = true;
  }
  if (a.facts.opaque) a.facts.usesNetwork = true;
  f = deepFreeze(a.facts);
  if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
  cache.set(line, f);
  return f;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object") {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
