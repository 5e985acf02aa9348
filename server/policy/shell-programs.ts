// What the shell facts know about programs: which reach the network, how git and the package
// managers spell their subcommands, and which run code that comes from the workspace.
import { firstOperand, valueIn, type Word } from "./shell-options";

export const DOWNLOADERS = new Set(["curl", "wget", "fetch", "aria2c", "http", "https", "xh", "lwp-download", "lwp-request", "GET"]);

/** Where a downloader writes (curl -o f, curl -O url, wget url, wget -O f); undefined for stdout. */
export function downloadTarget(program: string, args: readonly Word[]): string | undefined {
  const value = (names: string[]) => {
    const i = args.findIndex((a) => names.includes(a.lit ?? ""));
    if (i >= 0) return args[i + 1]?.lit ?? undefined;
    for (const a of args) for (const n of names) if (n.startsWith("--") && a.lit?.startsWith(`${n}=`)) return a.lit.slice(n.length + 1);
    return undefined;
  };
  const url = args.find((a) => /^[a-z][a-z0-9+.-]*:\/\//i.test(a.lit ?? ""))?.lit ?? args.find((a) => a.lit && !a.lit.startsWith("-"))?.lit;
  const fromUrl = url ? url.split(/[?#]/)[0]!.replace(/\/+$/, "").split("/").pop() : undefined;
  if (program === "wget") return value(["-O", "--output-document"]) ?? fromUrl;
  if (program === "curl") return value(["-o", "--output"]) ?? (args.some((a) => a.lit === "-O" || a.lit === "--remote-name" || /^-[a-zA-Z]*O$/.test(a.lit ?? "")) ? fromUrl : undefined);
  return value(["-o", "-O", "--output", "--out"]);
}

export const NETWORK = new Set([
  ...DOWNLOADERS, "nc", "ncat", "netcat", "socat", "telnet", "ssh", "scp", "sftp", "rsync", "ftp", "tftp", "lftp", "ping", "dig", "nslookup",
  "host", "whois", "gh", "hub", "aws", "gcloud", "gsutil", "az", "kubectl", "helm", "docker", "podman", "apt", "apt-get", "dnf", "yum", "apk",
  "brew", "snap", "svn", "hg",
]);

const GIT_NETWORK = new Set(["clone", "fetch", "pull", "push", "ls-remote", "send-email", "request-pull", "svn", "p4", "send-pack", "fetch-pack", "http-fetch", "http-push", "remote-http", "remote-https", "remote-ftp"]);
/** git's global options that take a value as the next word (git -C . push, git -c k=v push). */
const GIT_GLOBAL = valueIn("-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env", "--super-prefix");
/** Configuration that makes git run a command of its choosing: what runs is not on the command line. */
const GIT_RUNS_CONFIG = /^(alias\.|core\.(sshcommand|pager|editor|fsmonitor|hookspath|askpass)|credential\.|filter\.|diff\..*\.(textconv|command)|sequence\.editor|uploadpack\.|gpg\.program|protocol\.ext)/i;

// Package managers reach their registries for these subcommands, unless told to stay offline.
const PACKAGE_NETWORK: Record<string, ReadonlySet<string>> = {
  npm: new Set(["install", "i", "ci", "add", "update", "publish", "view", "info", "audit", "outdated", "exec", "x", "install-test", "it", "install-ci-test", "cit"]),
  yarn: new Set(["", "install", "add", "upgrade", "up", "dlx", "npm", "publish", "info"]),
  pnpm: new Set(["install", "i", "add", "update", "up", "dlx", "publish", "outdated", "audit"]),
  bun: new Set(["install", "i", "add", "update", "x", "publish"]),
  npx: new Set(["*"]), bunx: new Set(["*"]),
  pip: new Set(["install", "download"]), pip3: new Set(["install", "download"]), pipx: new Set(["install", "run"]), uv: new Set(["pip", "add", "sync", "lock", "tool"]),
  poetry: new Set(["install", "add", "update", "lock", "publish"]),
  cargo: new Set(["install", "fetch", "update", "publish", "search"]),
  go: new Set(["get", "install", "mod"]),
  gem: new Set(["install", "update", "fetch", "push"]),
  bundle: new Set(["install", "update"]),
  composer: new Set(["install", "update", "require"]),
  mvn: new Set(["*"]), mvnw: new Set(["*"]), gradle: new Set(["*"]), gradlew: new Set(["*"]),
};
const OFFLINE = new Set(["--offline", "--prefer-offline", "--no-index", "-o", "--frozen"]);

const NPM_VALUE = valueIn("--prefix", "-C", "--registry", "-w", "--workspace", "--cache", "--userconfig", "--loglevel", "--filter", "-F", "--dir", "--cwd");

/** The first operand after global options: push in git -C . push, publish in npm --prefix x publish. */
export function subcommandOf(program: string, args: readonly Word[]): { name: string; at: number } {
  const at = firstOperand(args, 0, program === "git" ? GIT_GLOBAL : NPM_VALUE);
  if (at < 0) return { name: "", at };
  return { name: at < args.length ? args[at]!.lit ?? "" : "", at };
}

/** Variables that make a program run code of their naming (LD_PRELOAD=./x.so ls, GIT_SSH_COMMAND=..., BASH_ENV=x.sh bash -c ...). */
export const EXEC_VARIABLES = /^(LD_PRELOAD|LD_AUDIT|LD_LIBRARY_PATH|BASH_ENV|ENV|PROMPT_COMMAND|SHELLOPTS|BASHOPTS|GIT_SSH|GIT_SSH_COMMAND|GIT_EXTERNAL_DIFF|GIT_PAGER|GIT_EDITOR|GIT_SEQUENCE_EDITOR|GIT_ASKPASS|SSH_ASKPASS|GIT_PROXY_COMMAND|GIT_EXEC_PATH|GIT_CONFIG_PARAMETERS|GIT_CONFIG_COUNT|GIT_CONFIG_GLOBAL|GIT_CONFIG_SYSTEM|PAGER|MANPAGER|EDITOR|VISUAL|NODE_OPTIONS|NODE_PATH|PYTHONSTARTUP|PYTHONPATH|PYTHONHOME|PERL5OPT|PERL5LIB|RUBYOPT|RUBYLIB|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|npm_config_script_shell|NPM_CONFIG_SCRIPT_SHELL|SHELL|MAKEFLAGS)$/;

// Options with which common programs run a command of the caller's choosing (GTFOBins' class):
// tar --to-command, zip -TT, sort --compress-program, split --filter, vim -c, gdb -ex, rsync -e.
const COMMAND_OPTIONS: Record<string, RegExp> = {
  tar: /^(--to-command|--checkpoint-action|--use-compress-program|--info-script|--new-volume-script|-I|-F)(=|$)/,
  zip: /^(-TT|--unzip-command)(=|$)/,
  rsync: /^(-e|--rsh|--rsync-path)(=|$)/,
  sort: /^--compress-program(=|$)/,
  split: /^--filter(=|$)/,
  vim: /^(-c|--cmd|-S)$|^\+(?!\d*$)/, vi: /^(-c|--cmd|-S)$|^\+(?!\d*$)/, nvim: /^(-c|--cmd|-S)$|^\+(?!\d*$)/, ex: /^(-c|-S)$|^\+(?!\d*$)/,
  gdb: /^(-ex|--ex|-iex|-x|-ix|--command|--eval-command)(=|$)/,
  ssh: /^-o(ProxyCommand|LocalCommand|PermitLocalCommand)|^-o$/,
};

/** sed's e command and s///e flag run the pattern space as a shell command. */
const SED_EXEC = /(^|[;\n{}])\s*(\d+|\$|\/[^/]*\/)?\s*e(\s|;|}|$)|s(.)(?:\\.|(?!\4).)*\4(?:\\.|(?!\4).)*\4[gpiImM0-9w]*e/;

export function runsCommandThroughOptions(program: string, args: readonly Word[]): boolean {
  if (program === "parallel") return true;
  if (program === "sed") return args.some((a) => a.lit === null || SED_EXEC.test(a.lit));
  const re = COMMAND_OPTIONS[program];
  return !!re && args.some((a) => a.lit === null ? false : re.test(a.lit));
}

/** A git configuration key whose value git runs: core.pager, alias.x (with !), credential.helper... */
export const gitConfigRunsCommand = (key: string) => GIT_RUNS_CONFIG.test(key);

/** git -c alias.x='!sh -c ...' x and the like: git would run a command that is not on the line. */
export function gitRunsConfiguredCommand(args: readonly Word[], subAt: number): boolean {
  const end = subAt < 0 ? args.length : subAt;
  for (let i = 0; i < end; i++) {
    const a = args[i]!.lit;
    const value = a === "-c" || a === "--config-env" ? args[i + 1]?.lit : a?.startsWith("--config-env=") ? a.slice(13) : undefined;
    if (value === null || (value !== undefined && GIT_RUNS_CONFIG.test(value))) return true;
  }
  return false;
}

export function usesNetwork(program: string, sub: string, args: readonly Word[]): boolean {
  if (NETWORK.has(program)) return true;
  if (program === "git") {
    if (GIT_NETWORK.has(sub)) return true;
    const rest = args.map((a) => a.lit);
    if (sub === "remote") return rest.some((a) => a === "update" || a === "show" || a === "prune");
    if (sub === "submodule") return rest.some((a) => a === "update" || a === "sync" || a === "add");
    if (sub === "lfs") return rest.some((a) => a === "pull" || a === "fetch" || a === "push" || a === "clone");
    if (sub === "archive") return rest.some((a) => a?.startsWith("--remote") === true);
    return false;
  }
  const subs = PACKAGE_NETWORK[program];
  if (!subs || args.some((a) => a.lit !== null && OFFLINE.has(a.lit))) return false;
  return subs.has("*") || subs.has(sub);
}

export type WorkspaceCode = {
  /** executable: ./deploy.sh; script: bash deploy.sh, python x.py; module: python -m x; package-script: npm run x, npm test;
   *  package-bin: npx x; build-target: make x, ./gradlew x, mvn x, cargo x, go test, node --test, pytest. */
  kind: "executable" | "script" | "module" | "package-script" | "package-bin" | "build-target";
  /** The path, script, target or task name (deploy-prod.sh, publish:npm, release). */
  name: string;
  /** The program that runs it. */
  program: string;
};

const YARN_BUILTINS = new Set([
  "add", "audit", "autoclean", "bin", "cache", "check", "config", "create", "dlx", "exec", "generate-lock-entry", "global", "help", "import", "info", "init",
  "install", "licenses", "link", "list", "login", "logout", "node", "outdated", "owner", "pack", "policies", "publish", "remove", "tag", "team", "unlink",
  "unplug", "upgrade", "upgrade-interactive", "up", "version", "versions", "why", "workspace", "workspaces", "plugin", "set", "constraints", "explain", "npm",
  "patch", "rebuild", "search", "stage", "dedupe", "run",
]);
const PNPM_BUILTINS = new Set([
  "add", "install", "i", "update", "up", "remove", "rm", "uninstall", "link", "ln", "unlink", "import", "rebuild", "rb", "prune", "fetch", "audit", "list", "ls",
  "outdated", "why", "publish", "pack", "store", "init", "env", "setup", "config", "root", "bin", "create", "patch", "patch-commit", "licenses", "server",
  "doctor", "exec", "dlx", "run", "run-script", "test", "t", "tst", "start", "dedupe", "approve-builds", "self-update", "help",
]);
const NPM_SCRIPT_ALIASES: Record<string, string> = { t: "test", tst: "test", test: "test", start: "start", stop: "stop", restart: "restart" };
const BUILD_TOOLS = new Set(["make", "gmake", "bmake", "gradle", "gradlew", "mvn", "mvnw", "ant", "rake", "just", "task", "invoke", "tox", "nox", "bazel", "bazelisk", "sbt", "lein"]);
const MAKE_VALUE = valueIn("-C", "-f", "-I", "-o", "-W", "-l", "--file", "--makefile", "--directory", "--include-dir", "--old-file", "--what-if");
// gradle, mvn and the others: their options with a value (mvn -o is --offline, no value).
const BUILD_VALUE = valueIn("-f", "-C", "-p", "-b", "-c", "-g", "-x", "-s", "-pl", "-rf", "-gs", "-T", "--project-dir", "--build-file", "--settings-file", "--exclude-task", "--file", "--projects");
const TEST_RUNNERS = new Set(["pytest", "py.test", "jest", "vitest", "mocha", "phpunit", "rspec"]);

const operands = (args: readonly Word[], from: number, takesValue: (o: string) => boolean): string[] => {
  const out: string[] = [];
  for (let i = from; i < args.length; i++) {
    const a = args[i]!.text;
    if (a.startsWith("-")) {
      if (takesValue(a)) i++;
      else if (a === "-j" && /^\d+$/.test(args[i + 1]?.text ?? "")) i++;
    } else if (!/^[A-Za-z_][A-Za-z0-9_.]*=/.test(a)) out.push(a);
  }
  return out;
};

/**
 * Code from the workspace that a package manager or build tool is told to run: a package script, a
 * package's binary, a build target (interpreters and shells given a script, and executables named by
 * path, are found by the caller). Lifecycle scripts an install runs are not counted here: installs
 * use the network and need approval for that. Empty when it runs none.
 */
export function workspaceCodeOf(program: string, sub: string, subAt: number, args: readonly Word[]): WorkspaceCode[] {
  const code = (kind: WorkspaceCode["kind"], name: string): WorkspaceCode => ({ kind, name, program });
  const after = (i: number) => firstOperand(args, i, NPM_VALUE);
  const named = (i: number) => (i >= 0 && i < args.length ? args[i]!.text : "");
  switch (program) {
    case "npm":
      if (sub === "run" || sub === "run-script" || sub === "rum" || sub === "urn") return subAt + 1 < args.length ? [code("package-script", named(after(subAt + 1)))] : [];
      if (NPM_SCRIPT_ALIASES[sub]) return [code("package-script", NPM_SCRIPT_ALIASES[sub]!)];
      if (sub === "exec" || sub === "x") return [code("package-bin", named(after(subAt + 1)))];
      return [];
    case "npx":
    case "bunx":
      return [code("package-bin", named(firstOperand(args, 0, valueIn("-p", "--package", "-c", "--call"))))];
    case "yarn":
      if (sub === "run") return [code("package-script", named(after(subAt + 1)))];
      if (sub === "exec" || sub === "dlx") return [code("package-bin", named(after(subAt + 1)))];
      if (sub === "workspace") return [code("package-script", named(after(subAt + 2)))];
      return sub === "" || YARN_BUILTINS.has(sub) ? [] : [code("package-script", sub)];
    case "pnpm":
      if (sub === "run" || sub === "run-script") return subAt + 1 < args.length ? [code("package-script", named(after(subAt + 1)))] : [];
      if (NPM_SCRIPT_ALIASES[sub]) return [code("package-script", NPM_SCRIPT_ALIASES[sub]!)];
      if (sub === "exec" || sub === "dlx") return [code("package-bin", named(after(subAt + 1)))];
      return sub === "" || PNPM_BUILTINS.has(sub) ? [] : [code("package-script", sub)];
    case "bun":
      if (sub === "run") return [code("package-script", named(after(subAt + 1)))];
      if (sub === "test") return [code("build-target", "test")];
      if (sub === "x") return [code("package-bin", named(after(subAt + 1)))];
      return sub !== "" && !PACKAGE_NETWORK.bun!.has(sub) ? [code("script", sub)] : [];
    case "deno":
      if (sub === "task") return [code("package-script", named(after(subAt + 1)))];
      if (sub === "run") return [code("script", named(after(subAt + 1)))];
      if (sub === "test" || sub === "bench") return [code("build-target", sub)];
      return [];
    case "cargo":
      return ["run", "r", "test", "t", "build", "b", "bench", "check", "c", "publish", "install"].includes(sub) ? [code("build-target", sub)] : [];
    case "go":
      return ["run", "test", "generate"].includes(sub) ? [code("build-target", sub)] : [];
    case "dotnet":
      return ["run", "test", "build", "publish"].includes(sub) ? [code("build-target", sub)] : [];
    case "composer":
      return sub === "run-script" || sub === "run" ? [code("package-script", named(after(subAt + 1)))] : [];
  }
  if (BUILD_TOOLS.has(program)) {
    const targets = operands(args, 0, program.endsWith("make") ? MAKE_VALUE : BUILD_VALUE);
    // make -f deploy.mk: the makefile named is workspace code too.
    const files = args.flatMap((a, i) => (a.text === "-f" || a.text === "--file" || a.text === "--makefile") && args[i + 1] ? [code("script", args[i + 1]!.text)] : []);
    return [...files, ...(targets.length ? targets.map((t) => code("build-target", t)) : [code("build-target", "")])];
  }
  if (TEST_RUNNERS.has(program)) return [code("build-target", program)];
  return [];
}
