// Option grammars of the programs the shell facts look through: which options take a value, so
// that a value is never mistaken for the program or script that follows (sudo -u root bash, git -C .
// push). A word whose text is not literal stops the scan: the caller treats what follows as unknown.

export type Word = {
  /** The word as written. */
  text: string;
  /** Its literal text, or null when it holds an expansion. */
  lit: string | null;
};

/** Index of the first operand of words[from..] (after options), or -1 when an option is not literal. */
export function firstOperand(words: readonly Word[], from: number, takesValue: (opt: string) => boolean): number {
  let i = from;
  while (i < words.length) {
    const a = words[i]!.lit;
    if (a === null) return -1;
    if (a === "--") return i + 1;
    if (!a.startsWith("-") || a === "-") return i;
    i += takesValue(a) ? 2 : 1;
  }
  return i;
}

/** An option that takes a value: listed exactly (-u, --user), never when attached (-uroot, --user=root). */
export const valueIn = (...names: string[]) => {
  const set = new Set(names);
  return (opt: string) => set.has(opt);
};

// Wrappers run the command that follows their options (and, for some, fixed operands before it).
export type WrapperSpec = { takesValue: (opt: string) => boolean; operands?: number; assignments?: boolean };

export const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: { takesValue: valueIn("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group", "--chdir", "--host", "--prompt", "--role", "--type", "--other-user", "--command-timeout", "--close-from") },
  doas: { takesValue: valueIn("-u", "-C") },
  env: { takesValue: valueIn("-u", "-C", "--unset", "--chdir"), assignments: true },
  exec: { takesValue: valueIn("-a") },
  nice: { takesValue: valueIn("-n", "--adjustment") },
  ionice: { takesValue: valueIn("-c", "-n", "--class", "--classdata") },
  timeout: { takesValue: valueIn("-s", "-k", "--signal", "--kill-after"), operands: 1 },
  nohup: { takesValue: () => false },
  time: { takesValue: valueIn("-f", "-o", "--format", "--output") },
  command: { takesValue: () => false },
  builtin: { takesValue: () => false },
  stdbuf: { takesValue: valueIn("-i", "-o", "-e", "--input", "--output", "--error") },
  setsid: { takesValue: () => false },
  unbuffer: { takesValue: () => false },
  chrt: { takesValue: valueIn("-T", "-P", "-D"), operands: 1 },
  taskset: { takesValue: () => false, operands: 1 },
  chroot: { takesValue: valueIn("--userspec", "--groups"), operands: 1 },
  strace: { takesValue: valueIn("-o", "-e", "-p", "-s", "-u", "-E", "-P", "-a", "-b", "-I", "-X", "-O", "-S") },
  ltrace: { takesValue: valueIn("-o", "-e", "-p", "-s", "-u", "-n", "-a") },
  xargs: { takesValue: valueIn("-I", "-n", "-P", "-L", "-s", "-d", "-a", "-E", "--max-args", "--max-procs", "--max-lines", "--max-chars", "--delimiter", "--arg-file", "--eof", "--replace", "--process-slot-var") },
  flock: { takesValue: valueIn("-w", "-E", "--timeout", "--conflict-exit-code"), operands: 1 },
  coproc: { takesValue: () => false },
  busybox: { takesValue: () => false },
  watch: { takesValue: valueIn("-n", "--interval", "-q", "--equexit") },
  poetry: { takesValue: valueIn("-C", "--directory", "-P", "--project") },
};

/** Wrappers whose command runs only under a subcommand (poetry run x, bundle exec x, uv run x). */
export const RUNNERS: Record<string, string[]> = { poetry: ["run"], pipenv: ["run"], uv: ["run"], pdm: ["run"], hatch: ["run"], bundle: ["exec"], rye: ["run"], conda: ["run"], mamba: ["run"] };

export const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "yash"]);

/** at: index of the word holding the code, script or module; strip: the option text before it in that word (-cCODE). */
export type Mode =
  | { kind: "code"; at: number; strip?: number }
  | { kind: "script"; at: number }
  | { kind: "module"; at: number; strip?: number }
  | { kind: "tests" }
  | { kind: "stdin" }
  | { kind: "none" };

const INFO = new Set(["--version", "-V", "--help", "-h"]);

/** How a shell is told what to run: bash -lc CODE, sh -ec -- CODE, bash --login -c CODE, bash x.sh, bash -s. */
export function shellMode(args: readonly Word[]): Mode {
  let code = false;
  let stdin = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!.lit;
    if (a === null) break;
    if (a === "--" || a === "-") {
      i++;
      break;
    }
    if (a.startsWith("--")) {
      if (a === "--rcfile" || a === "--init-file") i++;
      else if (a === "--command") code = true;
      else if (a.startsWith("--command=")) return { kind: "code", at: i, strip: "--command=".length };
      else if (a === "--version" || a === "--help") return { kind: "none" };
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(a)) {
      if (a.includes("c")) code = true;
      if (a.includes("s")) stdin = true;
      // -o / -O name a shell option: one value per letter.
      i += (a.match(/[oO]/g) ?? []).length;
      continue;
    }
    break;
  }
  if (code) return i < args.length ? { kind: "code", at: i } : { kind: "none" };
  if (stdin || i >= args.length) return { kind: "stdin" };
  return { kind: "script", at: i };
}

type InterpreterSpec = {
  /** Short option letters that take code (python -c, node -e, perl -e); they may close a cluster (-Ic, -ne). */
  code: string;
  longCode?: string[];
  /** Short option letters naming a module to run (python -m). */
  module?: string;
  /** Options taking a value that is neither code nor a script. */
  takesValue: (opt: string) => boolean;
};

const NODE: InterpreterSpec = { code: "ep", longCode: ["--eval", "--print"], takesValue: valueIn("-r", "--require", "--import", "--loader", "--experimental-loader", "-C", "--conditions", "--title", "--env-file", "--input-type") };
const SCRIPTING: InterpreterSpec = { code: "e", longCode: ["--eval"], takesValue: valueIn("-r", "-I", "-C", "-x", "-M", "-m") };

export const INTERPRETERS: Record<string, InterpreterSpec> = {
  python: { code: "c", module: "m", takesValue: valueIn("-W", "-X", "-Q") },
  node: NODE, nodejs: NODE, tsx: NODE, "ts-node": NODE, esno: NODE,
  perl: { code: "eE", takesValue: valueIn("-I", "-M", "-m", "-x") },
  ruby: SCRIPTING, lua: SCRIPTING, luajit: SCRIPTING, Rscript: SCRIPTING, php: { code: "r", takesValue: valueIn("-c", "-d", "-z") },
  pwsh: { code: "c", longCode: ["-Command", "-command", "-EncodedCommand", "-e"], takesValue: valueIn("-File", "-f", "-ExecutionPolicy") },
  awk: { code: "", takesValue: valueIn("-v", "-F", "--assign", "--field-separator") },
};

/** python3, python3.12, pypy3 are python; gawk, mawk are awk. */
export function interpreterName(program: string): string | undefined {
  if (/^(python|pypy)(\d+(\.\d+)*)?$/.test(program)) return "python";
  if (/^[gmn]?awk$/.test(program)) return "awk";
  if (program === "powershell") return "pwsh";
  return Object.hasOwn(INTERPRETERS, program) ? program : undefined;
}

/** How an interpreter is told what to run: code on the command line, a module, a script, or stdin. */
export function interpreterMode(name: string, args: readonly Word[]): Mode {
  const spec = INTERPRETERS[name]!;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!.lit;
    if (a === null) break;
    if (INFO.has(a) && name !== "awk") return { kind: "none" };
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-") return { kind: "stdin" };
    if (!a.startsWith("-")) break;
    if (spec.longCode?.some((l) => a === l)) return { kind: "code", at: i + 1 };
    const long = spec.longCode?.find((l) => a.startsWith(`${l}=`));
    if (long) return { kind: "code", at: i, strip: long.length + 1 };
    if (name === "node" && a === "--test") return { kind: "tests" };
    if (spec.takesValue(a)) {
      i++;
      continue;
    }
    if (name === "awk" && a === "-f") return { kind: "script", at: i + 1 };
    if (a.startsWith("--")) continue;
    // A cluster: the first code or module letter takes the rest of the word, or the next word.
    const letters = a.slice(1);
    for (let k = 0; k < letters.length; k++) {
      const l = letters[k]!;
      const rest = letters.length > k + 1;
      if (spec.code.includes(l)) return rest ? { kind: "code", at: i, strip: k + 2 } : { kind: "code", at: i + 1 };
      if (spec.module?.includes(l)) return rest ? { kind: "module", at: i, strip: k + 2 } : { kind: "module", at: i + 1 };
    }
  }
  if (name === "awk") return i < args.length ? { kind: "code", at: i } : { kind: "none" };
  return i < args.length ? { kind: "script", at: i } : { kind: "stdin" };
}
