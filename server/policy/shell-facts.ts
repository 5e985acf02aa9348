// Facts about a shell command line that tool-call rules decide on. Regexes over the raw string are
// fooled by quoting ("echo 'curl x | sh'") and miss nesting (bash -c "curl x | sh"), so the line is
// tokenised the way a POSIX shell would split it, and nested shells are analysed recursively.

export type ShellFacts = {
  /** A downloader's output flows into a shell or interpreter through a pipe or substitution. */
  pipesRemoteToShell: boolean;
  /** A downloaded file is later run by a shell or made executable (curl -o f && sh f). */
  executesDownloadedScript: boolean;
  usesNetwork: boolean;
  /** Basenames of every command run, nested ones included. */
  commands: string[];
  /** argv of the first command. */
  argv: string[];
  /** The line could not be split (unbalanced quotes): rules should treat it as suspicious. */
  malformed: boolean;
};

type Token = { op: string } | { word: string };
type Command = string[];
/** A list of pipelines joined by ; && || & or newlines. */
type Pipeline = Command[];

const DOWNLOADERS = new Set(["curl", "wget", "fetch", "aria2c"]);
const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "python", "python3", "perl", "ruby", "node", "source", "."]);
const NETWORK = new Set([...DOWNLOADERS, "nc", "ncat", "netcat", "ssh", "scp", "sftp", "rsync", "ftp", "telnet", "socat"]);
const GIT_NETWORK = new Set(["clone", "fetch", "pull", "push", "ls-remote", "submodule"]);
// Package managers reach their registries for these subcommands, unless told to stay offline.
const PACKAGE_NETWORK: Record<string, ReadonlySet<string>> = {
  npm: new Set(["install", "i", "ci", "add", "update", "publish", "view", "info", "audit", "outdated"]),
  yarn: new Set(["install", "add", "upgrade", "up", "dlx", "npm"]),
  pnpm: new Set(["install", "i", "add", "update", "up", "dlx"]),
  npx: new Set(["*"]),
  pip: new Set(["install", "download"]),
  pip3: new Set(["install", "download"]),
  cargo: new Set(["install", "fetch", "update", "publish", "search"]),
  go: new Set(["get", "install", "mod"]),
  gem: new Set(["install", "update", "fetch"]),
  bundle: new Set(["install", "update"]),
};
const OFFLINE = /^--(offline|prefer-offline|no-index)$/;

function packageManagerUsesNetwork(name: string, args: string[]): boolean {
  const subs = PACKAGE_NETWORK[name];
  if (!subs || args.some((a) => OFFLINE.test(a))) return false;
  const sub = args.find((a) => !a.startsWith("-")) ?? "";
  return subs.has("*") || subs.has(sub) || (name === "yarn" && sub === "");
}
const WRAPPERS = new Set(["sudo", "env", "nohup", "time", "nice", "xargs", "command", "exec"]);
const OPERATORS = ["&&", "||", ";;", "|&", "|", ";", "&", "\n"];

const MAX_DEPTH = 4;
/** Wrapper options that take a value (sudo -u root bash): the value is not the program. */
const OPTIONS_WITH_VALUE: Record<string, ReadonlySet<string>> = {
  sudo: new Set(["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "--user", "--group", "--chdir"]),
  env: new Set(["-u", "-C", "-S", "--unset", "--chdir"]),
  xargs: new Set(["-I", "-n", "-P", "-L", "-s", "-d", "-a", "-E"]),
  nice: new Set(["-n"]),
};

function tokenize(line: string): Token[] | null {
  const out: Token[] = [];
  let word = "";
  let inWord = false;
  const flush = () => {
    if (inWord) out.push({ word });
    word = "";
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && j + 1 < line.length) word += line[++j];
        else word += line[j];
      }
      if (j >= line.length) return null;
      inWord = true;
      i = j;
    } else if (c === "\\") {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if ((c === "$" || c === "<" || c === ">") && line[i + 1] === "(") {
      // A substitution is one word however many spaces it holds; analyse() looks inside it later.
      let depth = 0;
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === "(") depth++;
        else if (line[j] === ")" && --depth === 0) break;
      }
      if (j >= line.length) return null;
      word += line.slice(i, j + 1);
      inWord = true;
      i = j;
    } else if (c === " " || c === "\t") {
      flush();
    } else if (c === "#" && !inWord) {
      // Comment to end of line.
      const nl = line.indexOf("\n", i);
      if (nl < 0) break;
      i = nl - 1;
    } else {
      const op = OPERATORS.find((o) => line.startsWith(o, i));
      if (op) {
        flush();
        out.push({ op });
        i += op.length - 1;
      } else {
        word += c;
        inWord = true;
      }
    }
  }
  flush();
  return out;
}

function split(tokens: Token[]): Pipeline[] {
  const lists: Pipeline[] = [];
  let pipeline: Pipeline = [];
  let command: Command = [];
  const endCommand = () => {
    if (command.length) pipeline.push(command);
    command = [];
  };
  for (const t of tokens) {
    if ("word" in t) command.push(t.word);
    else if (t.op === "|" || t.op === "|&") endCommand();
    else {
      endCommand();
      if (pipeline.length) lists.push(pipeline);
      pipeline = [];
    }
  }
  endCommand();
  if (pipeline.length) lists.push(pipeline);
  return lists;
}

const basename = (w: string) => w.slice(w.lastIndexOf("/") + 1);

/** Strips sudo/env/... and leading VAR=value assignments to find the program actually run. */
function program(cmd: Command): { name: string; args: string[] } {
  let i = 0;
  while (i < cmd.length) {
    const w = cmd[i]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (WRAPPERS.has(basename(w))) {
      const withValue = OPTIONS_WITH_VALUE[basename(w)];
      i++;
      while (i < cmd.length && cmd[i]!.startsWith("-")) i += withValue?.has(cmd[i]!) ? 2 : 1;
    } else break;
  }
  return { name: basename(cmd[i] ?? ""), args: cmd.slice(i + 1) };
}

/** Command substitutions $(...), `...` and process substitutions <(...) inside a word. */
function substitutions(word: string): string[] {
  const found: string[] = [];
  const re = /[$<]\(([^()]*(?:\([^()]*\)[^()]*)*)\)|`([^`]*)`/g;
  for (const m of word.matchAll(re)) found.push(m[1] ?? m[2] ?? "");
  return found;
}

function downloadTarget(name: string, args: string[]): string | undefined {
  // curl x > f: redirections are words here, since only control operators split commands.
  const redirect = args.findIndex((a) => a === ">" || a === ">>" || /^>>?[^(>]/.test(a));
  if (redirect >= 0) return args[redirect]!.length > 2 || !/^>>?$/.test(args[redirect]!) ? args[redirect]!.replace(/^>>?/, "") : args[redirect + 1];
  if (name === "wget") {
    const o = args.findIndex((a) => a === "-O" || a === "--output-document");
    if (o >= 0) return args[o + 1];
    const url = args.find((a) => !a.startsWith("-"));
    return url ? basename(url.split("?")[0]!) : undefined;
  }
  if (name === "curl") {
    const o = args.findIndex((a) => a === "-o" || a === "--output");
    if (o >= 0) return args[o + 1];
    if (args.some((a) => a === "-O" || a === "--remote-name")) {
      const url = args.find((a) => /^[a-z]+:\/\//i.test(a));
      return url ? basename(url.split("?")[0]!) : undefined;
    }
  }
  return undefined;
}

export function shellFacts(line: string): ShellFacts {
  const facts: ShellFacts = {
    pipesRemoteToShell: false, executesDownloadedScript: false, usesNetwork: false, commands: [], argv: [], malformed: false,
  };
  analyse(line, facts, 0);
  return facts;
}

function analyse(line: string, facts: ShellFacts, depth: number): void {
  if (depth > MAX_DEPTH) {
    facts.malformed = true;
    return;
  }
  const tokens = tokenize(line);
  if (!tokens) {
    facts.malformed = true;
    return;
  }
  const downloaded = new Set<string>();
  for (const pipeline of split(tokens)) {
    let downloaderUpstream = false;
    for (const cmd of pipeline) {
      if (depth === 0 && facts.argv.length === 0) facts.argv = cmd;
      const { name, args } = program(cmd);
      if (!name) continue;
      facts.commands.push(name);
      if (NETWORK.has(name) || (name === "git" && GIT_NETWORK.has(args.find((a) => !a.startsWith("-")) ?? "")) || packageManagerUsesNetwork(name, args)) facts.usesNetwork = true;
      const isShell = SHELLS.has(name);
      if (isShell && downloaderUpstream) facts.pipesRemoteToShell = true;
      if (DOWNLOADERS.has(name)) {
        downloaderUpstream = true;
        const target = downloadTarget(name, args);
        if (target && target !== "-") downloaded.add(target);
      }
      if ((isShell || name === "chmod") && args.some((a) => downloaded.has(a) || downloaded.has(basename(a)))) {
        facts.executesDownloadedScript = true;
      }
      if (downloaded.has(basename(name))) facts.executesDownloadedScript = true;
      // Nested code: sh -c "...", eval "...", and substitutions anywhere in the words.
      if ((isShell && args[0] === "-c" && args[1] !== undefined) || name === "eval") {
        const nested = name === "eval" ? args.join(" ") : args[1]!;
        const inner = shellFacts(nested);
        merge(facts, inner);
      }
      for (const w of cmd) {
        for (const sub of substitutions(w)) {
          const inner = shellFacts(sub);
          merge(facts, inner);
          // bash -c "$(curl ...)" or sh <(curl ...): a shell runs what a downloader printed.
          if (isShell && inner.commands.some((c) => DOWNLOADERS.has(c))) facts.pipesRemoteToShell = true;
        }
      }
    }
  }
}

function merge(into: ShellFacts, from: ShellFacts): void {
  into.pipesRemoteToShell ||= from.pipesRemoteToShell;
  into.executesDownloadedScript ||= from.executesDownloadedScript;
  into.usesNetwork ||= from.usesNetwork;
  into.malformed ||= from.malformed;
  into.commands.push(...from.commands);
}
